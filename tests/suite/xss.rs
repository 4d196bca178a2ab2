//! A library written by an attacker, opened in headless Chromium: payloads
//! in every place a document reaches — front matter, raw HTML, links of
//! every form, headings, footnotes, tables, file names, commit subjects and
//! authors, site.toml, and serve's error overlay. No payload may run on load
//! or on click, and no page's DOM may keep an `on*` attribute or a script URL.
//!
//! Every payload does the same thing when it runs, `top.pwned=1`, so one
//! check after each page load and each round of clicks sees any of them.

use serde_json::json;

use super::browser::{Browser, Tab, chromium};
use super::serve::Server;
use super::support::{Library, commit, git};

/// Markup that runs `top.pwned=1` if it is ever parsed as HTML.
const HTML: &str = "<img src=x onerror=top.pwned=1><svg onload=top.pwned=1>";
/// Text that breaks out of an attribute or a script if it is not escaped.
const BREAKOUT: &str = "\"'><img src=x onerror=top.pwned=1></script><script>top.pwned=1</script>";

fn toml_string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

fn hostile_document() -> String {
    let s = toml_string(HTML);
    let b = toml_string(BREAKOUT);
    format!(
        "+++\ntitle = {b}\nsubtitle = {s}\nowner = {b}\ncustomer = {s}\nteam = {b}\nstatus = \"draft\"\nstage = \"define\"\n\
         tags = [{s}, {b}]\nnotes = {b}\n\n[[decisions]]\ndate = 2024-06-18\noutcome = \"revisit\"\nby = {s}\nnote = {b}\n+++\n\
         ## Press Release\n\n\
         **Summary.** {BREAKOUT}\n\n\
         <script>top.pwned=1</script>\n\n\
         <img src=x onerror=top.pwned=1>\n\n\
         <iframe src=\"javascript:top.pwned=1\"></iframe> <iframe srcdoc=\"<script>top.pwned=1</script>\"></iframe>\n\n\
         <details open ontoggle=top.pwned=1><summary>More</summary>Hidden</details>\n\n\
         </style><script>top.pwned=1</script>\n\n\
         <meta http-equiv=\"refresh\" content=\"0;url=javascript:top.pwned=1\">\n\n\
         <IMG SRC=x OnErRoR=top.pwned=1> <a href=\"jav&#x09;ascript:top.pwned=1\">tab</a>\n\n\
         <noscript><p title=\"</noscript><img src=x onerror=top.pwned=1>\"></noscript>\n\n\
         <form action=\"javascript:top.pwned=1\"><button>Send</button></form>\n\n\
         [inline](javascript:top.pwned=1) [angle](<javascript:top.pwned=1>) <javascript:top.pwned=1>\n\
         [reference][r] [entity](javascript&#58;top.pwned=1) [case](JaVaScRiPt:top.pwned=1) [vb](vbscript:top.pwned=1)\n\
         ![image](javascript:top.pwned=1) [data](data:text/html,<script>top.pwned=1</script>)\n\n\
         [r]: javascript:top.pwned=1\n\n\
         ## External FAQ\n\n\
         ### {HTML} Who is it for? {{#x onclick=top.pwned=1}}\n\n\
         Footnote[^1].\n\n\
         [^1]: {HTML} [note](javascript:top.pwned=1)\n\n\
         | {HTML} | [cell](javascript:top.pwned=1) |\n|---|---|\n| <b onmouseover=top.pwned=1>b</b> | 2 |\n\n\
         ## Internal FAQ\n\n### {BREAKOUT}\n\nAnswer.\n"
    )
}

fn hostile_site_toml() -> String {
    let b = toml_string(BREAKOUT);
    format!(
        "title = {b}\ndescription = {b}\nrepo_url = \"https://example.com/{}\"\n\n\
         [[statuses]]\nid = \"draft\"\nlabel = {b}\ndescription = {b}\ncolour = {}\n\n\
         [[statuses]]\nid = \"done\"\n",
        "%22%3E%3Cscript%3Etop.pwned=1%3C/script%3E",
        toml_string("red;}</style><script>top.pwned=1</script>\" onmouseover=\"top.pwned=1"),
    )
}

fn hostile_library() -> Library {
    let library = Library::new()
        .file("site.toml", &hostile_site_toml())
        .file("content/returns.md", &hostile_document())
        .file(
            "content/\"><img src=x onerror=top.pwned=1>.md",
            "## Press Release\n\nA file name that is markup.\n",
        );
    git(library.root(), &["init", "-q"]);
    commit(&library, BREAKOUT, "2024-01-01", BREAKOUT);
    library.write(
        "content/returns.md",
        hostile_document().replace("Answer.", "Answer, revised."),
    );
    commit(&library, BREAKOUT, "2024-01-02", HTML);
    library
}

/// What a page's DOM holds that could run: handlers, script URLs, foreign scripts.
const DOM_CHECK: &str = r"(() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      const value = a.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (name.startsWith('on') || name === 'srcdoc') bad.push(el.tagName + ' ' + name);
      if (name !== 'content' && /^(javascript|vbscript|data:text)/.test(value)) bad.push(el.tagName + ' ' + name + '=' + a.value);
    }
  }
  // The history page's 'as of' data is a data block (gzip in base64), which runs nothing; there is at most one.
  const data = [...document.scripts].filter(s => s.type === 'application/gzip');
  if (data.length > 1 || (data.length && data[0].id !== 'as-of-data')) bad.push('data blocks ' + data.length);
  for (const s of document.scripts) {
    if (s.type === 'application/gzip' && s.id === 'as-of-data') continue;
    if (!/(prfaq\.js|history\.js|reload\.js|review\.js|search\.js)$/.test(s.src)) bad.push('script ' + s.src + ' ' + s.textContent.slice(0, 40));
  }
  // The theme's own search forms: the box in the header and the search page's, both to this site's search page.
  const ours = f => f.matches('.site-search, [data-search-form]') && new URL(f.action).origin === location.origin
    && new URL(f.action).pathname.endsWith('/search/');
  for (const f of document.querySelectorAll('iframe, object, embed, form, meta[http-equiv=refresh]')) {
    if (!(f.tagName === 'FORM' && ours(f))) bad.push(f.tagName);
  }
  return JSON.stringify(bad);
})()";

/// Clicks everything that does not navigate to another page.
const CLICK_ALL: &str = r"(() => {
  for (const el of document.querySelectorAll('body *')) {
    const href = el.getAttribute && el.getAttribute('href');
    if (href !== null && !href.startsWith('#')) continue;
    try { el.click(); } catch (e) {}
  }
  for (const el of document.querySelectorAll('*')) {
    for (const type of ['mouseover', 'focus', 'toggle']) el.dispatchEvent(new Event(type));
  }
  return true;
})()";

fn check_page(tab: &mut Tab, url: &str) {
    tab.wait_for("location.href", &json!(url));
    tab.wait_for("document.readyState", &json!("complete"));
    let bad = tab
        .eval(DOM_CHECK)
        .unwrap_or_else(|| json!("page did not answer"));
    assert_eq!(bad, json!("[]"), "{url}: active content in the DOM");
    tab.eval(CLICK_ALL);
    std::thread::sleep(std::time::Duration::from_millis(50));
    assert_eq!(
        tab.eval("String(window.pwned)"),
        Some(json!("undefined")),
        "{url}: a payload ran"
    );
}

#[test]
fn no_payload_runs_on_any_page_or_in_the_overlay() {
    let Some(binary) = chromium() else { return };
    let library = hostile_library();
    // A build gives the list of pages (and must succeed despite the payloads).
    library.build().success();
    let pages: Vec<String> = library
        .site()
        .pages()
        .into_iter()
        .map(|page| page.path)
        .collect();
    assert!(pages.len() > 10, "{pages:?}");
    let server = Server::start(&library, &[]);
    let browser = Browser::launch(&binary);
    for page in &pages {
        let url = format!("{}{}", server.url, page.trim_end_matches("index.html"));
        let mut tab = browser.open(&url);
        check_page(&mut tab, &url);
        // Each open page holds a reload stream, and a browser opens only six connections to a host.
        tab.close();
    }

    // The overlay: an error whose message carries a payload.
    library.write(
        "content/returns.md",
        hostile_document().replace(
            "status = \"draft\"",
            // Not exactly draft's label (a label is accepted as its id): an unknown status.
            &format!("status = {}", toml_string(&format!("{BREAKOUT}!"))),
        ),
    );
    server.wait_for("__prfaq/status", "the overlay's error", |b| {
        b.contains("unknown status")
    });
    let url = format!("{}docs/returns/", server.url);
    let mut tab = browser.open(&url);
    tab.wait_for(
        "document.querySelectorAll('#prfaq-error-overlay li').length > 0",
        &json!(true),
    );
    check_page(&mut tab, &url);
}

#[test]
fn hostile_urls_in_site_toml_and_on_the_command_line_are_refused() {
    let library = Library::new().file("content/a.md", "## Press Release\n\nText.\n");
    for base_url in [
        "/x</script><script>top.pwned=1</script>/",
        "/\\evil.example/",
        "//evil.example/",
        "javascript:top.pwned=1",
    ] {
        library
            .build_with(&["--base-url", base_url])
            .code(1)
            .stderr_has(&["--base-url", "not usable"]);
        library
            .prfaq(&["serve", "--port", "0", "--base-url", base_url])
            .code(2)
            .stderr_has(&["--base-url"]);
    }
    let library = library.file("site.toml", "repo_url = \"javascript:top.pwned=1\"\n");
    library
        .build()
        .code(1)
        .stderr_has(&["site.toml:1:", "repo_url"]);
}
