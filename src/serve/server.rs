//! The preview's HTTP side: pages from memory, live reload over server-sent
//! events, and the error overlay.
//!
//! Pages are looked up by name in the in-memory site, never by joining a
//! request path onto a folder, so no request can reach a file outside the
//! site: `..`, `%2e%2e`, encoded slashes and absolute paths find no page.
//! The reload script and the overlay are added to HTML as it is served; they
//! never reach `build` output.

use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::session::Served;
use crate::diagnostics::Diagnostic;
use crate::markdown::escape_html;

/// Path under the base path where the preview's own endpoints live.
pub const ENDPOINT_PREFIX: &str = "__prfaq/";

/// What the handlers share.
#[derive(Clone)]
pub struct Shared {
    /// The current snapshot; each request reads it once, so a page and its
    /// error overlay always come from the same build.
    pub served: Arc<RwLock<Arc<Served>>>,
    /// Sends the build number after every rebuild.
    pub reloads: broadcast::Sender<u64>,
    /// Path prefix of the site, e.g. `/prfaqs/`.
    pub base: String,
}

/// The router: everything under the base path, and a redirect to it.
pub fn router(shared: Shared) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

async fn handle(State(shared): State<Shared>, uri: Uri) -> Response {
    let served = shared
        .served
        .read()
        .map(|s| Arc::clone(&s))
        .unwrap_or_default();
    let raw = uri.path();
    let Some(rest) = raw
        .strip_prefix(shared.base.as_str())
        .or_else(|| (raw.to_owned() + "/" == shared.base).then_some(""))
    else {
        if raw == "/" {
            return redirect(&shared.base);
        }
        return not_found(&shared, &served);
    };
    let Some(path) = page_path(rest) else {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    };
    match path.strip_prefix(ENDPOINT_PREFIX) {
        Some("events") => return events(&shared),
        Some("status") => return status(&served),
        _ => {}
    }
    if let Some(bytes) = served.pages.get(&path) {
        return serve_page(&shared, &served, &path, bytes, StatusCode::OK);
    }
    // `/docs/x` without the slash: send the browser to the folder, so relative URLs work.
    if served.pages.contains_key(&format!("{path}/index.html")) {
        return redirect(&format!("{}{rest}/", shared.base));
    }
    not_found(&shared, &served)
}

/// The page a request path names, or `None` for paths that try to leave the site.
pub fn page_path(request: &str) -> Option<String> {
    let decoded = percent_decode_str(request).decode_utf8().ok()?;
    if decoded.contains('\\') || decoded.contains('\0') || decoded.starts_with('/') {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    if segments.iter().any(|s| *s == ".." || *s == ".") {
        return None;
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        Some(format!("{decoded}index.html"))
    } else {
        Some(decoded.into_owned())
    }
}

fn serve_page(
    shared: &Shared,
    served: &Served,
    path: &str,
    bytes: &Bytes,
    status: StatusCode,
) -> Response {
    let content_type = content_type(path);
    let body = if content_type.starts_with("text/html") {
        Body::from(inject(bytes, &shared.base, &served.errors))
    } else {
        Body::from(bytes.clone())
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // A preview must never show a stale page from the browser's cache.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn not_found(shared: &Shared, served: &Served) -> Response {
    match served.pages.get("404.html") {
        Some(bytes) => serve_page(shared, served, "404.html", bytes, StatusCode::NOT_FOUND),
        // Nothing was ever built (the library had errors from the start): still show them.
        None => serve_page(
            shared,
            served,
            "404.html",
            &Bytes::from_static(b"<!doctype html><html><body></body></html>"),
            StatusCode::NOT_FOUND,
        ),
    }
}

fn redirect(to: &str) -> Response {
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(value) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn events(shared: &Shared) -> Response {
    let stream = BroadcastStream::new(shared.reloads.subscribe())
        .filter_map(|build| build.ok())
        .map(|build| {
            Ok::<Event, Infallible>(Event::default().event("reload").data(build.to_string()))
        });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// The problems of the last rebuild as JSON, for tools and tests.
fn status(served: &Served) -> Response {
    let errors: Vec<String> = served.errors.iter().map(ToString::to_string).collect();
    let body = serde_json::json!({ "documents": served.documents, "errors": errors });
    let mut response = body.to_string().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// Adds the live-reload script, and the error overlay when the last rebuild failed.
fn inject(html: &[u8], base: &str, errors: &[Diagnostic]) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let mut extra = String::new();
    if !errors.is_empty() {
        extra.push_str(r#"<div id="prfaq-error-overlay" role="alert" style="position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,20,20,.92);color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2rem"><h2 style="color:#ff8a8a;margin-top:0">prfaq: the last save has problems; showing the last good version</h2><ul>"#);
        for error in errors {
            extra.push_str(
                "<li class=\"prfaq-error\"><pre style=\"white-space:pre-wrap;margin:.5rem 0\">",
            );
            extra.push_str(&escape_html(&error.to_string()));
            extra.push_str("</pre></li>");
        }
        extra.push_str("</ul></div>");
    }
    extra.push_str(&format!(
        "<script>(function(){{var s=new EventSource({url:?});s.addEventListener('reload',function(){{location.reload();}});}})();</script>",
        url = format!("{base}{ENDPOINT_PREFIX}events")
    ));
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{extra}").into_bytes(),
    }
}

fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit('.').next().unwrap_or("");
    match extension {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        assert_eq!(page_path(""), Some("index.html".into()));
        assert_eq!(page_path("docs/x/"), Some("docs/x/index.html".into()));
        assert_eq!(
            page_path("owners/in%C3%A9s/"),
            Some("owners/inés/index.html".into())
        );
        for hostile in [
            "../secret",
            "%2e%2e/secret",
            "docs/%2E%2E/%2e%2e/x",
            "a%2f..%2f..%2fetc",
            "%2fetc/passwd",
            "a%5c..%5cb",
            "./x",
            "a/%00",
        ] {
            assert_eq!(page_path(hostile), None, "{hostile}");
        }
    }

    #[test]
    fn script_goes_before_the_closing_body_tag() {
        let html = inject(b"<html><body><p>x</p></body></html>", "/b/", &[]);
        let html = String::from_utf8(html).unwrap();
        assert!(
            html.contains("EventSource(\"/b/__prfaq/events\")"),
            "{html}"
        );
        assert!(html.ends_with("</script></body></html>"), "{html}");
    }

    #[test]
    fn overlay_escapes_messages() {
        let error = Diagnostic::error("content/a.md", "<img src=x>");
        let html = String::from_utf8(inject(b"<body></body>", "/", &[error])).unwrap();
        assert!(html.contains("&lt;img src=x&gt;"));
        assert!(!html.contains("<img src=x>"));
    }
}
