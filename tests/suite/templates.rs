//! Theme overrides: a library's own templates replace the built-in ones, and a
//! broken template is reported with its file and line, leaving the previous
//! site untouched.

use super::support::{Library, snapshot};

fn library() -> Library {
    Library::new().file(
        "content/a.md",
        "+++\ntitle = \"A\"\nowner = \"Ann\"\nstatus = \"draft\"\nstage = \"listen\"\n+++\n## Press Release\n\nText.\n",
    )
}

#[test]
fn a_library_template_overrides_the_built_in_one() {
    let library = library().file(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1 class=\"custom\">Lost?</h1>{% endblock content %}",
    );
    library.build().success();
    assert_eq!(library.site().page("404.html").text("h1.custom"), "Lost?");
}

#[test]
fn a_template_syntax_error_names_the_file_and_line() {
    let library = library().file("templates/404.html", "<p>\n{% if %}\n");
    let run = library.build().code(1);
    assert!(
        run.stderr.contains("templates/404.html:2:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_template_that_fails_while_rendering_leaves_the_previous_site_untouched() {
    let library = library();
    library.build().success();
    let before = snapshot(&library.path("public"));
    library.write(
        "templates/document.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.no_such_field.deeper }}{% endblock content %}",
    );
    let run = library.build().code(1);
    assert!(run.stderr.contains("document.html"), "{}", run.stderr);
    assert_eq!(
        snapshot(&library.path("public")),
        before,
        "nothing written, no temporary files left"
    );
}
