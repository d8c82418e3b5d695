//! Workspace settings for admins: the pipeline's stages and the tags.

mod pipeline;
mod tags;

pub use pipeline::PipelineSettingsPage;
pub use tags::TagSettingsPage;
