//! The preview's HTTP side: pages from memory, live reload over server-sent
//! events, and the error overlay.
//!
//! Pages are looked up by name in the in-memory site, never by joining a
//! request path onto a folder, so no request can reach a file outside the
//! site: `..`, `%2e%2e`, encoded slashes and absolute paths find no page.
//! The reload script and the overlay are added to HTML as it is served; they
//! never reach `build` output. The script is a file (`__prfaq/reload.js`), so
//! pages keep a Content-Security-Policy that forbids inline script.
//!
//! Requests whose `Host` is not an address the server listens on (or
//! `localhost`) are refused: otherwise a web page could rebind its own domain
//! name to 127.0.0.1 and read a private library being previewed.

use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Extension, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::listener::InFlight;
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
    /// Which `Host` headers are answered.
    pub hosts: HostPolicy,
}

/// The host names a request may be addressed to: `localhost`, and the
/// address the server listens on, or any IP address when it listens on all
/// of them. Never a domain name, which is what DNS rebinding needs.
#[derive(Clone, Debug)]
pub struct HostPolicy {
    pub bind: IpAddr,
}

impl HostPolicy {
    /// Whether a `Host` header value (`name[:port]`, `[v6][:port]`) is allowed.
    pub fn allows(&self, host: &str) -> bool {
        let name = match host.strip_prefix('[') {
            Some(v6) => v6.split_once(']').map_or(v6, |(name, _)| name),
            None => host.rsplit_once(':').map_or(host, |(name, _)| name),
        };
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        if name == "localhost" {
            return true;
        }
        match name.parse::<IpAddr>() {
            Ok(ip) => self.bind.is_unspecified() || ip == self.bind,
            Err(_) => false,
        }
    }
}

/// The router: everything under the base path, and a redirect to it.
pub fn router(shared: Shared) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

async fn handle(
    State(shared): State<Shared>,
    in_flight: Option<Extension<InFlight>>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    if !host.is_some_and(|h| shared.hosts.allows(h)) {
        return (
            StatusCode::FORBIDDEN,
            "prfaq serve answers only requests addressed to localhost or the address it listens on",
        )
            .into_response();
    }
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
        Some("events") => return events(&shared, in_flight.map(|e| e.0)),
        Some("reload.js") => return reload_script(&shared.base),
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

/// The reload event stream. It holds `in_flight` while open, so the
/// connection carrying it is never closed as idle.
fn events(shared: &Shared, in_flight: Option<InFlight>) -> Response {
    let stream = BroadcastStream::new(shared.reloads.subscribe())
        .filter_map(|build| build.ok())
        .map(move |build| {
            let _connection_is_busy = &in_flight;
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
                "<li class=\"prfaq-error\"><pre style=\"white-space:pre-wrap;margin:.5rem 0;background:transparent;color:#fff;border:0;padding:0\">",
            );
            extra.push_str(&escape_html(&error.to_string()));
            extra.push_str("</pre></li>");
        }
        extra.push_str("</ul></div>");
    }
    extra.push_str(&format!(
        "<script src=\"{}\" defer></script>",
        escape_html(&format!("{base}{ENDPOINT_PREFIX}reload.js"))
    ));
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{extra}").into_bytes(),
    }
}

/// The live-reload script. The one value in it, the events URL, is a JSON
/// string with `<`, `>` and `&` escaped, so no base path can end the script.
fn reload_script(base: &str) -> Response {
    let url = script_string(&format!("{base}{ENDPOINT_PREFIX}events"));
    let script = format!(
        "(function(){{var s=new EventSource({url});s.addEventListener('reload',function(){{location.reload();}});}})();\n"
    );
    let mut response = script.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `text` as a JSON string safe to place anywhere in a script or an HTML page.
pub fn script_string(text: &str) -> String {
    crate::html::script_json(text)
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
        "csv" => "text/csv; charset=utf-8",
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
            html.contains("<script src=\"/b/__prfaq/reload.js\" defer></script>"),
            "{html}"
        );
        assert!(html.ends_with("</script></body></html>"), "{html}");
    }

    #[test]
    fn script_strings_cannot_close_a_script() {
        let hostile = "/x</script><script>alert(1)</script>&amp;/";
        let encoded = script_string(hostile);
        assert!(!encoded.contains(['<', '>', '&']), "{encoded}");
        let back: String = serde_json::from_str(&encoded).unwrap();
        assert_eq!(back, hostile);
    }

    #[test]
    fn only_local_host_names_are_answered() {
        let loopback = HostPolicy {
            bind: "127.0.0.1".parse().unwrap(),
        };
        for allowed in [
            "localhost",
            "localhost:4000",
            "LOCALHOST.",
            "127.0.0.1:4000",
        ] {
            assert!(loopback.allows(allowed), "{allowed}");
        }
        for refused in [
            "evil.example",
            "evil.example:4000",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "10.0.0.5:4000",
            "[::1]:4000",
            "",
        ] {
            assert!(!loopback.allows(refused), "{refused}");
        }
        let everywhere = HostPolicy {
            bind: "0.0.0.0".parse().unwrap(),
        };
        assert!(everywhere.allows("192.168.1.20:4000"));
        assert!(everywhere.allows("[fe80::1]:4000"));
        assert!(!everywhere.allows("rebind.example:4000"));
    }

    #[test]
    fn overlay_escapes_messages() {
        let error = Diagnostic::error("content/a.md", "<img src=x>");
        let html = String::from_utf8(inject(b"<body></body>", "/", &[error])).unwrap();
        assert!(html.contains("&lt;img src=x&gt;"));
        assert!(!html.contains("<img src=x>"));
    }
}
