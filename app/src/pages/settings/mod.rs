//! Workspace settings: members and the workspace itself, the pipeline's stages, and the tags.

mod members;
mod pipeline;
mod tags;

pub use members::{MembersSettingsPage, WorkspaceDeletionNotice};
pub use pipeline::PipelineSettingsPage;
pub use tags::TagSettingsPage;
