//! Where templates and static files come from.
//!
//! The default theme is compiled into the binary, so a library needs no theme
//! folder and `prfaq` works from a single file. A library overrides any
//! template by putting a file of the same name in `themes/<theme>/templates/`
//! or `templates/`, and any static file in `themes/<theme>/static/` or
//! `static/`; later folders win.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{Context, ErrorKind, Tera};

use crate::config::Config;
use crate::diagnostics::Diagnostic;

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

const DEFAULT_TEMPLATES: &[(&str, &str)] = embed!(
    "base.html",
    "components.html",
    "index.html",
    "documents.html",
    "board.html",
    "owners.html",
    "owner.html",
    "tags.html",
    "tag.html",
    "document.html",
    "history.html",
    "card.html",
    "row.html",
    "item.html",
    "404.html",
    "health.html",
    "insights.html",
    "review.html",
    "pack.html",
    "search.html",
);

const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "favicon.svg",
        include_bytes!("../../themes/default/static/favicon.svg"),
    ),
    (
        "prfaq.js",
        include_bytes!("../../themes/default/static/prfaq.js"),
    ),
    (
        "review.js",
        include_bytes!("../../themes/default/static/review.js"),
    ),
    (
        "history.js",
        include_bytes!("../../themes/default/static/history.js"),
    ),
    (
        "search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
];

/// Parsed templates and the static files to copy.
pub struct Theme {
    tera: Tera,
    /// Template name -> the file it was read from (for error messages).
    sources: BTreeMap<String, PathBuf>,
    static_files: BTreeMap<String, Vec<u8>>,
    /// A hash of every template and this prfaq's version: what every page's
    /// render key starts from (see `keys`).
    pub fingerprint: u64,
    /// Links skipped in the theme's folders because they lead out of the library.
    pub warnings: Vec<Diagnostic>,
}

impl Theme {
    /// Loads the built-in theme, then the library's overrides.
    pub fn load(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
        let theme_dir = Path::new("themes").join(&config.theme);
        if config.theme != "default" && !root.join(&theme_dir).is_dir() {
            return Err(vec![
                Diagnostic::error(
                    "site.toml",
                    format!(
                        "theme {:?} not found: there is no folder {}",
                        config.theme,
                        theme_dir.display()
                    ),
                )
                .with_hint("remove `theme` to use the built-in theme, or create the folder"),
            ]);
        }
        let (templates, static_files, warnings) = read_files(root, &theme_dir)?;
        let sources: BTreeMap<String, PathBuf> = templates
            .iter()
            .map(|(name, (_, path))| (name.clone(), path.clone()))
            .collect();
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let raw = templates
            .iter()
            .map(|(name, (text, _))| (name.as_str(), text.as_str()));
        if let Err(e) = tera.add_raw_templates(raw) {
            let texts = templates_text(&templates);
            return Err(vec![template_diagnostic(&sources, &texts, &e)]);
        }
        let mut fingerprint = super::keys::PageKey::new(0).text(env!("CARGO_PKG_VERSION"));
        for (name, (text, _)) in &templates {
            fingerprint = fingerprint.text(name).text(text);
        }
        Ok(Theme {
            tera,
            sources,
            static_files,
            fingerprint: fingerprint.finish(),
            warnings,
        })
    }

    /// Renders one template; an error names the template file and line.
    pub fn render(&self, template: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera.render(template, context).map_err(|e| {
            let texts = BTreeMap::new();
            template_diagnostic(&self.sources, &texts, &e)
        })
    }

    /// Static files: path under `static/`, bytes.
    pub fn static_files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.static_files
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_slice()))
    }
}

/// Template name -> (text, path it came from).
type Templates = BTreeMap<String, (String, PathBuf)>;
/// Static file path -> bytes.
type StaticFiles = BTreeMap<String, Vec<u8>>;

/// The built-in templates and static files with the library's overrides on top.
/// The theme's templates and static files, and a warning per link skipped.
fn read_files(
    root: &Path,
    theme_dir: &Path,
) -> Result<(Templates, StaticFiles, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut templates: Templates = DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| {
            let path = Path::new("<built-in theme>").join(name);
            ((*name).to_owned(), ((*text).to_owned(), path))
        })
        .collect();
    let mut static_files: StaticFiles = DEFAULT_STATIC
        .iter()
        .map(|(name, bytes)| ((*name).to_owned(), bytes.to_vec()))
        .collect();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    for dir in [theme_dir.join("templates"), PathBuf::from("templates")] {
        for (name, path) in files_under(root, &dir, &mut problems, &mut warnings) {
            match std::fs::read_to_string(root.join(&path)) {
                Ok(text) => {
                    templates.insert(name, (text, path));
                }
                Err(e) => problems.push(Diagnostic::error(
                    path,
                    format!("cannot read template: {e}"),
                )),
            }
        }
    }
    for dir in [theme_dir.join("static"), PathBuf::from("static")] {
        for (name, path) in files_under(root, &dir, &mut problems, &mut warnings) {
            match std::fs::read(root.join(&path)) {
                Ok(bytes) => {
                    static_files.insert(name, bytes);
                }
                Err(e) => problems.push(Diagnostic::error(
                    path,
                    format!("cannot read static file: {e}"),
                )),
            }
        }
    }
    if problems.is_empty() {
        Ok((templates, static_files, warnings))
    } else {
        Err(problems)
    }
}

fn templates_text(templates: &Templates) -> BTreeMap<String, String> {
    templates
        .iter()
        .map(|(name, (text, _))| (name.clone(), text.clone()))
        .collect()
}

/// Files below `root/dir`, as (name relative to `dir` with `/`, path relative
/// to `root`), following no link out of the library (see `walk`).
fn files_under(
    root: &Path,
    dir: &Path,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf)> {
    let walked = match crate::walk::files_inside(root, dir, false) {
        Ok(walked) => walked,
        Err(problem) => {
            problems.push(problem);
            return Vec::new();
        }
    };
    problems.extend(walked.errors);
    warnings.extend(walked.warnings);
    let full = root.join(dir);
    walked
        .files
        .iter()
        .filter_map(|path| {
            let relative = path.strip_prefix(&full).ok()?;
            Some((crate::slug::to_slash(relative), dir.join(relative)))
        })
        .collect()
}

fn template_diagnostic(
    sources: &BTreeMap<String, PathBuf>,
    texts: &BTreeMap<String, String>,
    error: &tera::Error,
) -> Diagnostic {
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let name = report.filename();
            let path = sources
                .get(name)
                .cloned()
                .unwrap_or_else(|| PathBuf::from(name));
            let span = report.span();
            let diagnostic =
                Diagnostic::error(path, format!("template error: {}", report.message()));
            match texts.get(name) {
                Some(text) => diagnostic.at_line_col(text, span.start_line, span.start_col + 1),
                None => Diagnostic {
                    line: span.start_line,
                    col: span.start_col + 1,
                    ..diagnostic
                },
            }
        }
        _ => Diagnostic::error("templates", format!("template error: {error}")),
    }
}
