//! Profile pictures, as plain routes (a file upload does not fit a server function's form):
//! `POST /account/avatar` takes a PNG, JPEG or WebP of at most 2 MB, judged by its content (not
//! its name or declared type), decodes it, crops it to a 256×256 square and stores a PNG made
//! here, so no uploaded bytes are ever served back; `GET /avatars/{user_id}` serves it to the
//! person and to those who share a workspace with them.

use app::ssr::db;
use app::ssr::sessions::CurrentSession;
use app::ssr::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use image::{imageops::FilterType, ImageFormat};

/// The largest picture accepted.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// The side of the stored square.
pub const SIDE: u32 = 256;

/// Why a picture was refused, as the message shown next to the field.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    Missing,
    TooLarge,
    NotAnImage,
}

impl Refused {
    pub fn message(&self) -> &'static str {
        match self {
            Refused::Missing => "Choose a picture to upload.",
            Refused::TooLarge => "The picture is larger than 2 MB.",
            Refused::NotAnImage => "Upload a PNG, JPEG or WebP picture.",
        }
    }
}

/// The stored PNG for uploaded bytes: the format read from the content, then decoded, cropped to
/// a centred square and resized to 256×256.
pub fn square_png(bytes: &[u8]) -> Result<Vec<u8>, Refused> {
    if bytes.is_empty() {
        return Err(Refused::Missing);
    }
    if bytes.len() > MAX_BYTES {
        return Err(Refused::TooLarge);
    }
    let format = image::guess_format(bytes).map_err(|_| Refused::NotAnImage)?;
    if !matches!(format, ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP) {
        return Err(Refused::NotAnImage);
    }
    let picture = image::load_from_memory_with_format(bytes, format).map_err(|_| Refused::NotAnImage)?;
    let square = picture.resize_to_fill(SIDE, SIDE, FilterType::Triangle);
    let mut png = Vec::new();
    square.write_to(&mut std::io::Cursor::new(&mut png), ImageFormat::Png).map_err(|_| Refused::NotAnImage)?;
    Ok(png)
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("application/json"))
}

/// Where the account page is for the form's answer (`back` from the form, only a local path).
fn back_to(back: &str, outcome: &str) -> String {
    let base = app::domain::accounts::safe_next_path(Some(back)).unwrap_or_else(|| "/".into());
    let base = base.split('?').next().unwrap_or("/").to_owned();
    format!("{base}?avatar={outcome}")
}

/// `POST /account/avatar`: multipart with the file in `avatar` and the page to return to in
/// `back`. Answers JSON (200, or 422 with the field's message) to a client that asks for it, else
/// a redirect back with `?avatar=saved` or `?avatar=type|size|missing`.
pub async fn upload(State(state): State<AppState>, session: Option<Extension<CurrentSession>>, headers: HeaderMap, mut form: Multipart) -> Response {
    let Some(Extension(session)) = session else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let mut bytes = Vec::new();
    let mut back = String::from("/");
    loop {
        match form.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                match field.bytes().await {
                    Ok(data) if name == "avatar" => bytes = data.to_vec(),
                    Ok(data) if name == "back" => back = String::from_utf8_lossy(&data).into_owned(),
                    Ok(_) => {}
                    Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
                }
            }
            Ok(None) => break,
            Err(_) => return StatusCode::BAD_REQUEST.into_response(),
        }
    }
    let json = wants_json(&headers);
    match square_png(&bytes) {
        Ok(png) => {
            if let Err(error) = db::profiles::set_avatar(&state.db.pool, &session.user_id, Some(png), state.clock.now_ms()).await {
                let error = app::error::AppError::internal(error);
                return (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response();
            }
            if json { (StatusCode::OK, "null").into_response() } else { Redirect::to(&back_to(&back, "saved")).into_response() }
        }
        Err(refused) if json => {
            let body = serde_json::json!({ "error": refused.message(), "fields": { "avatar": refused.message() } });
            (StatusCode::UNPROCESSABLE_ENTITY, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
        }
        Err(refused) => {
            let code = match refused {
                Refused::Missing => "missing",
                Refused::TooLarge => "size",
                Refused::NotAnImage => "type",
            };
            Redirect::to(&back_to(&back, code)).into_response()
        }
    }
}

/// `GET /avatars/{user_id}`: the PNG, to the person and to those sharing a workspace with them;
/// 404 otherwise (and when there is no picture).
pub async fn serve(State(state): State<AppState>, session: Option<Extension<CurrentSession>>, Path(user_id): Path<String>) -> Response {
    let Some(Extension(session)) = session else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let user_id = user_id.trim_end_matches(".png").to_owned();
    match db::profiles::may_see(&state.db.pool, &session.user_id, &user_id).await {
        Ok(true) => {}
        Ok(false) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
    match db::profiles::avatar(&state.db.pool, &user_id).await {
        Ok(Some(png)) => ([(header::CONTENT_TYPE, "image/png"), (header::CACHE_CONTROL, "private, max-age=86400")], png).into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_of(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30]));
        let mut out = Vec::new();
        image::DynamicImage::ImageRgb8(picture).write_to(&mut std::io::Cursor::new(&mut out), ImageFormat::Png).unwrap();
        out
    }

    #[test]
    fn pictures_become_a_256_pixel_square_png() {
        let stored = square_png(&png_of(640, 400)).unwrap();
        let back = image::load_from_memory_with_format(&stored, ImageFormat::Png).unwrap();
        assert_eq!((back.width(), back.height()), (SIDE, SIDE));
    }

    #[test]
    fn anything_but_a_picture_is_refused_whatever_its_name() {
        assert_eq!(square_png(b"%PDF-1.7 not a picture"), Err(Refused::NotAnImage));
        assert_eq!(square_png(b"GIF89a......"), Err(Refused::NotAnImage));
        assert_eq!(square_png(&[]), Err(Refused::Missing));
        let mut truncated = png_of(10, 10);
        truncated.truncate(30);
        assert_eq!(square_png(&truncated), Err(Refused::NotAnImage));
    }
}
