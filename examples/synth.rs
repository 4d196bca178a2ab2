//! Generates a synthetic PR/FAQ library: a git repository of Markdown
//! documents with a long, realistic-looking history.
//!
//! ```text
//! cargo run --release --example synth -- --docs 10000 --commits 20000 --seed 1 --out target/bench/lib
//! ```
//!
//! Why: the benchmark (`scripts/bench.sh`, issue #5) measures prfaq and Hugo
//! on libraries of 1,000 and 10,000 documents with twice as many commits, and
//! nobody has such a library lying around. The output depends only on the
//! arguments (a built-in splitmix64 PRNG, fixed dates, fixed names), so the
//! same command yields the same repository, commit hashes included, on every
//! machine, and figures from different machines measure the same input.
//!
//! What it makes: `site.toml` and `content/team-NN/doc-NNNNN.md`, each a
//! PR/FAQ with TOML front matter (status, stage, decisions, ...), a press
//! release of about 600 words, an external and an internal FAQ with a table
//! and relative links to other documents. The first commit imports half of
//! the documents; the rest are added one by one over three years of history,
//! by twenty authors, while each other commit edits one to five documents:
//! rewording prose, answering questions, moving status and stage along,
//! recording decisions, and now and then moving a document to another team's
//! folder (a rename, which also updates the links pointing at it).
//!
//! How: documents live in memory as structured data; a commit mutates a few
//! and re-renders only those. The history is streamed to `git fast-import`,
//! which writes one pack directly; running `git commit` 20,000 times would
//! take many minutes instead of seconds.

use std::cmp::Reverse;
use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitCode, Stdio};
use std::time::Instant;

const USAGE: &str = "usage: synth --docs N --commits M [--seed S] [--flat] --out DIR

Creates DIR as a git repository holding a synthetic PR/FAQ library of N
documents and M commits, deterministic for a given seed (default 1).
--flat puts every document in content/ itself (a move to another team is
then a rename of the file), the heavy-history profile of the benchmark.";

/// First commit: Monday 2022-01-03 09:00 UTC. Fixed so output is reproducible.
const START: i64 = 1_641_200_400;
/// The history spans three years, whatever the number of commits.
const SPAN: i64 = 3 * 365 * 86_400;
/// Documents per team folder, roughly. git writes a directory's whole tree
/// object again in every commit touching a file in it, so folders of
/// thousands of files make fast-import (and every history walk) pay for the
/// folder size instead of the change: 10,000 documents in 12 folders took a
/// third more CPU time to import than in 100.
const DOCS_PER_TEAM: usize = 100;
/// The first `AUTHORS` people commit; all `PEOPLE` may own documents.
const AUTHORS: usize = 20;
const PEOPLE: usize = 40;

fn main() -> ExitCode {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("synth: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("synth: {err}");
            ExitCode::FAILURE
        }
    }
}

struct Args {
    docs: usize,
    commits: usize,
    seed: u64,
    /// One flat `content/` folder instead of a folder per team.
    flat: bool,
    out: PathBuf,
}

impl Args {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
        let (mut docs, mut commits, mut seed, mut out) = (None, None, 1, None);
        let mut flat = false;
        while let Some(flag) = args.next() {
            if flag == "-h" || flag == "--help" {
                println!("{USAGE}");
                std::process::exit(0);
            }
            if flag == "--flat" {
                flat = true;
                continue;
            }
            let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
            let number = || {
                value
                    .parse::<u64>()
                    .map_err(|_| format!("{flag}: not a number: {value}"))
            };
            match flag.as_str() {
                "--docs" => docs = Some(number()? as usize),
                "--commits" => commits = Some(number()? as usize),
                "--seed" => seed = number()?,
                "--out" => out = Some(PathBuf::from(&value)),
                _ => return Err(format!("unknown argument {flag}")),
            }
        }
        let args = Args {
            docs: docs.ok_or("--docs is required")?,
            commits: commits.ok_or("--commits is required")?,
            seed,
            flat,
            out: out.ok_or("--out is required")?,
        };
        if args.docs == 0 || args.commits == 0 {
            return Err("--docs and --commits must be at least 1".into());
        }
        Ok(args)
    }
}

fn run(args: &Args) -> io::Result<()> {
    let started = Instant::now();
    init_repo(&args.out)?;
    let mut import = Import::spawn(&args.out)?;
    let mut library = Library::new(args.seed, args.docs, args.flat);
    let written = write_history(args, &mut library, &mut import);
    // Wait for fast-import even if writing failed: its error is the useful one.
    let imported = import.finish();
    written?;
    imported?;
    let import_secs = started.elapsed().as_secs_f64();
    // fast-import only writes objects and refs; materialise the work tree.
    git(&args.out, &["reset", "--hard", "--quiet"])?;
    println!(
        "synth: {} documents, {} commits in {} ({:.1} s, of which import {:.1} s)",
        args.docs,
        args.commits,
        args.out.display(),
        started.elapsed().as_secs_f64(),
        import_secs,
    );
    Ok(())
}

fn init_repo(dir: &Path) -> io::Result<()> {
    if dir.exists() && dir.read_dir()?.next().is_some() {
        return Err(io::Error::other(format!(
            "{} exists and is not empty; remove it first",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir)?;
    git(dir, &["init", "--quiet", "--initial-branch=main"])
}

fn git(dir: &Path, args: &[&str]) -> io::Result<()> {
    let status = Command::new("git").arg("-C").arg(dir).args(args).status()?;
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::other(format!(
            "git {} failed: {status}",
            args.join(" ")
        )))
    }
}

// ---------------------------------------------------------------------------
// History: which documents each commit adds or changes, and when.
// ---------------------------------------------------------------------------

/// One commit, before rendering: the documents it writes and the paths it
/// removes (renames are a removal plus a write).
struct Plan {
    author: usize,
    time: i64,
    message: String,
    touched: Vec<usize>,
    removed: Vec<String>,
}

fn write_history(args: &Args, lib: &mut Library, import: &mut Import) -> io::Result<()> {
    // Half the library exists before the history starts (a team adopting
    // prfaq imports its documents); the rest appear one at a time later.
    let initial = if args.commits == 1 {
        args.docs
    } else {
        args.docs.div_ceil(2)
    };
    let first = lib.import_batch(initial, START);
    let site = import.blob(usize::MAX, b"title = \"Synthetic library\"\n".to_vec());
    emit(
        import,
        lib,
        first,
        vec![Change::Modify("site.toml".into(), site)],
    )?;

    let later = args.commits - 1;
    let to_add = args.docs - initial;
    let slot = (SPAN / later.max(1) as i64).max(1);
    for c in 1..args.commits {
        // Evenly spaced with jitter inside the slot, so times stay increasing.
        let time = START + c as i64 * slot + lib.rng.below(slot as usize) as i64;
        // Spread additions evenly: doc j of `to_add` arrives in commit
        // 1 + j * later / to_add.
        let due = initial + (c * to_add).div_ceil(later);
        let plan = if lib.docs.len() < due {
            lib.add_docs(due, time)
        } else if lib.rng.chance(1) && lib.docs.len() > 1 {
            lib.move_doc(time)
        } else {
            lib.edit_docs(time)
        };
        emit(import, lib, plan, Vec::new())?;
    }
    Ok(())
}

fn emit(
    import: &mut Import,
    lib: &Library,
    plan: Plan,
    mut changes: Vec<Change>,
) -> io::Result<()> {
    changes.extend(plan.removed.into_iter().map(Change::Delete));
    for &id in &plan.touched {
        let mut text = String::with_capacity(10_000);
        lib.render(id, &mut text);
        let mark = import.blob(id, text.into_bytes());
        changes.push(Change::Modify(lib.docs[id].path(lib.flat), mark));
    }
    let person = &lib.people[plan.author];
    import.commit(person, plan.time, &plan.message, &changes)
}

// ---------------------------------------------------------------------------
// git fast-import stream.
// ---------------------------------------------------------------------------

enum Change {
    Modify(String, u64),
    Delete(String),
}

/// Holding back this much blob data, then writing it sorted, keeps memory
/// bounded for any library size (10,000 documents and 20,000 commits make
/// about 350 MB of blobs).
const HELD_BYTES: usize = 256 << 20;

/// A `git fast-import` process and the stream we write to it.
///
/// fast-import stores each blob as a delta against the blob written just
/// before it, whatever that is. In history order that is another document,
/// and reading any version means resolving a chain of up to 50 deltas
/// through unrelated documents. A real repository, once `git gc` or a clone
/// has packed it, stores each file's newest version whole and older versions
/// as deltas against newer ones. To match that, blobs (and the commits,
/// which refer to them by mark) are held back, then written grouped by
/// document, newest version first. At 10,000 documents and 20,000 commits,
/// that halves the pack (113 to 52 MB) and cuts the CPU time of checking out
/// the work tree from 4 s to 0.6 s; benchmarks reading old versions see
/// realistic, short delta chains.
struct Import {
    child: Child,
    out: BufWriter<ChildStdin>,
    marks: u64,
    /// Held blobs as (document, mark, contents); marks increase with time.
    blobs: Vec<(usize, u64, Vec<u8>)>,
    held_bytes: usize,
    /// Commands for the commits whose blobs are held.
    commits: Vec<u8>,
}

impl Import {
    fn spawn(dir: &Path) -> io::Result<Import> {
        // --done: a stream cut short (we crashed) must not become a repository.
        let mut child = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["fast-import", "--quiet", "--done"])
            .stdin(Stdio::piped())
            .spawn()?;
        let stdin = child.stdin.take().expect("stdin is piped");
        Ok(Import {
            child,
            out: BufWriter::with_capacity(1 << 20, stdin),
            marks: 0,
            blobs: Vec::new(),
            held_bytes: 0,
            commits: Vec::new(),
        })
    }

    /// Queues a version of document `doc` (or of another file, under a key
    /// no document uses) and returns the mark that names it.
    fn blob(&mut self, doc: usize, data: Vec<u8>) -> u64 {
        self.marks += 1;
        self.held_bytes += data.len();
        self.blobs.push((doc, self.marks, data));
        self.marks
    }

    fn commit(
        &mut self,
        who: &Person,
        time: i64,
        message: &str,
        changes: &[Change],
    ) -> io::Result<()> {
        let ident = format!("{} <{}> {time} {}", who.name, who.email, who.zone);
        let out = &mut self.commits;
        writeln!(out, "commit refs/heads/main")?;
        writeln!(out, "author {ident}\ncommitter {ident}")?;
        write!(out, "data {}\n{message}\n", message.len())?;
        for change in changes {
            match change {
                Change::Modify(path, mark) => writeln!(out, "M 100644 :{mark} {path}")?,
                Change::Delete(path) => writeln!(out, "D {path}")?,
            }
        }
        writeln!(out)?;
        if self.held_bytes >= HELD_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the held blobs grouped by document, then the held commits.
    fn flush(&mut self) -> io::Result<()> {
        self.blobs
            .sort_unstable_by_key(|&(doc, mark, _)| (doc, Reverse(mark)));
        let mut previous = None;
        for (doc, mark, data) in self.blobs.drain(..) {
            if previous != Some(doc) {
                // A blob of at most 20 bytes is never a delta, and the next
                // one cannot be a delta against it: each document's chain
                // starts afresh. Unique (its mark is), or fast-import would
                // skip it as a duplicate. Unreachable, so `git gc` drops it.
                write!(self.out, "blob\ndata {0}\n{mark}\n", mark.to_string().len())?;
                previous = Some(doc);
            }
            write!(self.out, "blob\nmark :{mark}\ndata {}\n", data.len())?;
            self.out.write_all(&data)?;
            self.out.write_all(b"\n")?;
        }
        self.held_bytes = 0;
        self.out.write_all(&self.commits)?;
        self.commits.clear();
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        // A write error here means fast-import died; its exit status says why.
        let written = self
            .flush()
            .and_then(|()| self.out.write_all(b"done\n"))
            .and_then(|()| self.out.flush());
        drop(self.out);
        let status = self.child.wait()?;
        if !status.success() {
            return Err(io::Error::other(format!(
                "git fast-import failed: {status}"
            )));
        }
        written
    }
}

// ---------------------------------------------------------------------------
// The library: documents as data, and the edits commits make to them.
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum Status {
    Draft,
    InReview,
    Proceed,
    Shelved,
    Launched,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in-review",
            Status::Proceed => "proceed",
            Status::Shelved => "shelved",
            Status::Launched => "launched",
        }
    }
}

const STAGES: &[&str] = &["listen", "define", "invent", "refine", "test-and-iterate"];

struct Decision {
    day: i64,
    outcome: &'static str,
    by: &'static str,
    note: String,
}

struct Faq {
    question: String,
    answer: String,
    /// Markdown table printed after the answer (staffing question only).
    table: Option<String>,
    /// Other documents, with why they are related, rendered as sentences.
    links: Vec<(usize, &'static str)>,
}

/// What a document is about; every generated paragraph of a document uses
/// the same product and customers, so each document reads as one proposal.
struct Topic {
    product: String,
    customers: &'static str,
    owner: String,
}

struct Doc {
    id: usize,
    team: usize,
    topic: Topic,
    subtitle: String,
    owner: usize,
    status: Status,
    stage: usize,
    customer: String,
    tags: Vec<&'static str>,
    created: i64,
    decisions: Vec<Decision>,
    press: Vec<String>,
    external: Vec<Faq>,
    internal: Vec<Faq>,
}

impl Doc {
    fn path(&self, flat: bool) -> String {
        if flat {
            format!("content/{}", self.file_name(flat))
        } else {
            format!("content/team-{:02}/{}", self.team, self.file_name(flat))
        }
    }

    /// In a flat folder the team is part of the name, so a move is a rename.
    fn file_name(&self, flat: bool) -> String {
        if flat {
            format!("t{:02}-doc-{:05}.md", self.team, self.id)
        } else {
            format!("doc-{:05}.md", self.id)
        }
    }
}

struct Person {
    name: String,
    email: String,
    zone: &'static str,
}

struct Library {
    rng: Rng,
    /// Number of team folders, fixed for the whole history.
    teams: usize,
    /// Every document directly in `content/`.
    flat: bool,
    people: Vec<Person>,
    docs: Vec<Doc>,
    /// For each document, the documents linking to it: a rename must
    /// rewrite their relative links.
    backlinks: Vec<Vec<usize>>,
}

impl Library {
    fn new(seed: u64, docs: usize, flat: bool) -> Library {
        let max_teams = AREAS.len() * (UNITS.len() + 1);
        Library {
            rng: Rng::new(seed),
            teams: docs.div_ceil(DOCS_PER_TEAM).clamp(4, max_teams),
            flat,
            people: (0..PEOPLE).map(person).collect(),
            docs: Vec::new(),
            backlinks: Vec::new(),
        }
    }

    fn import_batch(&mut self, count: usize, time: i64) -> Plan {
        let today = time / 86_400;
        for _ in 0..count {
            // Imported documents predate the repository by up to a year.
            let created = today - 1 - self.rng.below(365) as i64;
            self.new_doc(created);
            self.backdate(self.docs.len() - 1, today);
        }
        Plan {
            author: 0,
            time,
            message: format!("Import {count} PR/FAQs from the team wikis"),
            touched: (0..count).collect(),
            removed: Vec::new(),
        }
    }

    fn add_docs(&mut self, until: usize, time: i64) -> Plan {
        let first = self.docs.len();
        while self.docs.len() < until {
            self.new_doc(time / 86_400);
        }
        let message = if until - first == 1 {
            format!("Add PR/FAQ: {}", self.docs[first].topic.product)
        } else {
            format!("Add {} PR/FAQs", until - first)
        };
        Plan {
            author: self.author(),
            time,
            message,
            touched: (first..until).collect(),
            removed: Vec::new(),
        }
    }

    /// Moves a document to another team's folder (a rename in git) and
    /// rewrites the documents linking to it, as a careful author would.
    fn move_doc(&mut self, time: i64) -> Plan {
        let id = self.rng.below(self.docs.len());
        let old = self.docs[id].path(self.flat);
        let team = (self.docs[id].team + 1 + self.rng.below(self.teams - 1)) % self.teams;
        self.docs[id].team = team;
        let mut touched = vec![id];
        touched.extend(&self.backlinks[id]);
        Plan {
            author: self.author(),
            time,
            message: format!(
                "Move {} to the {} team",
                self.docs[id].topic.product,
                team_name(team)
            ),
            touched,
            removed: vec![old],
        }
    }

    fn edit_docs(&mut self, time: i64) -> Plan {
        // Most commits touch one document; review rounds touch several.
        let count =
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 5][self.rng.below(20)];
        let mut touched = Vec::new();
        let mut notes = Vec::new();
        for _ in 0..count {
            let id = self.pick_doc();
            if !touched.contains(&id) {
                notes.push(self.edit(id, time / 86_400));
                touched.push(id);
            }
        }
        let message = if notes.len() == 1 {
            notes.pop().expect("one note")
        } else {
            let subject = self.rng.pick(BATCH_SUBJECTS);
            let mut message = format!("{subject} ({} PR/FAQs)\n", notes.len());
            for note in &notes {
                let _ = write!(message, "\n- {note}");
            }
            message
        };
        Plan {
            author: self.author(),
            time,
            message,
            touched,
            removed: Vec::new(),
        }
    }

    /// Recent documents get more attention than old ones, as in real life.
    fn pick_doc(&mut self) -> usize {
        let live = self.docs.len();
        if self.rng.chance(50) {
            live - 1 - self.rng.below((live / 10).max(1))
        } else {
            self.rng.below(live)
        }
    }

    /// A few people commit most of the time (the minimum of two uniform
    /// draws favours low indices).
    fn author(&mut self) -> usize {
        self.rng.below(AUTHORS).min(self.rng.below(AUTHORS))
    }

    fn new_doc(&mut self, created: i64) {
        let rng = &mut self.rng;
        let id = self.docs.len();
        let owner = rng.below(PEOPLE);
        let topic = Topic {
            product: product_name(rng),
            customers: rng.pick(CUSTOMERS),
            owner: self.people[owner].name.clone(),
        };
        let subtitle = subtitle(rng, &topic);
        let customer = format!("{} {}", capitalize(rng.pick(SEGMENTS)), topic.customers);
        let press = (0..PRESS_PARAGRAPHS)
            .map(|i| press_paragraph(i, rng, &topic))
            .collect();
        let count = rng.range(4, 6);
        let external = pick_distinct(rng, EXTERNAL_QUESTIONS, count)
            .into_iter()
            .map(|q| faq(rng, &topic, q))
            .collect();
        // 4-6 questions like the external half, counting the staffing one
        // and, from the second document on, the one with the links.
        let count = rng.range(4, 6) - 1 - usize::from(id > 0);
        let mut internal: Vec<Faq> = pick_distinct(rng, INTERNAL_QUESTIONS, count)
            .into_iter()
            .map(|q| faq(rng, &topic, q))
            .collect();
        let mut staffing = faq(rng, &topic, STAFFING_QUESTION);
        staffing.table = Some(staffing_table(rng));
        internal.insert(rng.below(internal.len() + 1), staffing);
        // Link only to documents that already exist, so no commit in the
        // history has a dangling link.
        if id > 0 {
            let links = link_targets(rng, id);
            for &(target, _) in &links {
                self.backlinks[target].push(id);
            }
            let mut related = faq(rng, &topic, RELATED_QUESTION);
            related.links = links;
            internal.push(related);
        }
        let doc = Doc {
            id,
            team: rng.below(self.teams),
            topic,
            subtitle,
            owner,
            status: Status::Draft,
            stage: 0,
            customer,
            tags: pick_tags(rng),
            created,
            decisions: Vec::new(),
            press,
            external,
            internal,
        };
        self.docs.push(doc);
        self.backlinks.push(Vec::new());
    }

    /// Gives an imported document the status, stage and decisions it reached
    /// before the repository existed.
    fn backdate(&mut self, id: usize, today: i64) {
        let rng = &mut self.rng;
        let doc = &mut self.docs[id];
        let age = (today - doc.created) as usize;
        let (status, stage) = match rng.below(20) {
            0..8 => (Status::Draft, rng.below(2)),
            8..13 => (Status::InReview, 1 + rng.below(2)),
            13..16 => (Status::Proceed, 2 + rng.below(2)),
            16..18 => (Status::Shelved, rng.below(3)),
            _ => (Status::Launched, 4),
        };
        doc.status = status;
        doc.stage = stage;
        let outcome = match status {
            Status::Proceed | Status::Launched => "proceed",
            Status::Shelved => "shelve",
            _ => return,
        };
        let day = doc.created + rng.below(age.max(1)) as i64;
        doc.decisions.push(decision(rng, day, outcome));
    }

    /// Applies one plausible edit to a document and returns its commit note.
    fn edit(&mut self, id: usize, day: i64) -> String {
        let rng = &mut self.rng;
        let doc = &mut self.docs[id];
        let title = doc.topic.product.clone();
        match rng.below(100) {
            0..45 => {
                let i = rng.below(PRESS_PARAGRAPHS);
                doc.press[i] = press_paragraph(i, rng, &doc.topic);
                format!(
                    "{}: rework the {} paragraph",
                    title,
                    PRESS_LABELS[i].to_lowercase()
                )
            }
            45..78 => {
                let add = rng.chance(25);
                let (section, questions, name) = if rng.chance(50) {
                    (&mut doc.external, EXTERNAL_QUESTIONS, "external")
                } else {
                    (&mut doc.internal, INTERNAL_QUESTIONS, "internal")
                };
                let fresh = questions
                    .iter()
                    .map(|q| fill(q, &doc.topic))
                    .find(|q| section.iter().all(|f| &f.question != q));
                match fresh {
                    Some(question) if add && section.len() < 6 => {
                        let entry = faq(rng, &doc.topic, "");
                        section.push(Faq { question, ..entry });
                        format!("{title}: add an {name} FAQ")
                    }
                    _ => {
                        let entry = rng.below(section.len());
                        section[entry].answer = answer(rng, &doc.topic);
                        format!("{title}: clarify \"{}\"", section[entry].question)
                    }
                }
            }
            78..92 if doc.status != Status::Launched => change_status(rng, doc, day),
            92..97 if doc.stage + 1 < STAGES.len() => {
                doc.stage += 1;
                format!("{title}: move to the {} stage", STAGES[doc.stage])
            }
            _ => {
                // Every edit must change the file: git has no empty diffs.
                let old = std::mem::take(&mut doc.tags);
                while doc.tags.is_empty() || doc.tags == old {
                    doc.tags = pick_tags(rng);
                }
                format!("{title}: retag")
            }
        }
    }

    fn render(&self, id: usize, out: &mut String) {
        let doc = &self.docs[id];
        render_front_matter(doc, &self.people, out);
        out.push_str("\n## Press Release\n\n");
        let _ = writeln!(
            out,
            "### AnyCompany launches {}: {}\n",
            doc.topic.product, doc.subtitle
        );
        for (label, paragraph) in PRESS_LABELS.iter().zip(&doc.press) {
            let _ = writeln!(out, "**{label}.** {paragraph}\n");
        }
        out.push_str("## External FAQ\n");
        for entry in &doc.external {
            self.render_faq(doc, entry, out);
        }
        out.push_str("\n## Internal FAQ\n");
        for entry in &doc.internal {
            self.render_faq(doc, entry, out);
        }
    }

    fn render_faq(&self, doc: &Doc, entry: &Faq, out: &mut String) {
        let _ = write!(out, "\n### {}\n\n{}", entry.question, entry.answer);
        for &(target, why) in &entry.links {
            let other = &self.docs[target];
            let _ = write!(
                out,
                " See [{}]({}) for {why}.",
                other.topic.product,
                relative_link(doc.team, other, self.flat)
            );
        }
        out.push('\n');
        if let Some(table) = &entry.table {
            out.push('\n');
            out.push_str(table);
        }
    }
}

/// Moves the status one step along the review process, recording the
/// decision that caused it.
fn change_status(rng: &mut Rng, doc: &mut Doc, day: i64) -> String {
    let title = &doc.topic.product;
    let (status, outcome) = match doc.status {
        Status::Draft => (Status::InReview, None),
        Status::InReview => match rng.below(4) {
            0 | 1 => (Status::Proceed, Some("proceed")),
            2 => (Status::Shelved, Some("shelve")),
            _ => (Status::InReview, Some("revisit")),
        },
        Status::Proceed => (Status::Launched, None),
        Status::Shelved => (Status::InReview, Some("revisit")),
        Status::Launched => unreachable!("launched is final"),
    };
    if status == Status::Launched {
        doc.stage = STAGES.len() - 1;
    } else if status == Status::Proceed {
        doc.stage = doc.stage.max(2);
    }
    doc.status = status;
    match outcome {
        Some(outcome) => {
            doc.decisions.push(decision(rng, day, outcome));
            format!("{title}: record the {outcome} decision")
        }
        None => format!("{title}: set status to {}", status.as_str()),
    }
}

fn render_front_matter(doc: &Doc, people: &[Person], out: &mut String) {
    let tags: Vec<String> = doc.tags.iter().map(|t| format!("\"{t}\"")).collect();
    // Generated strings never contain quotes or backslashes, so plain TOML
    // basic strings need no escaping.
    let _ = write!(
        out,
        "+++\ntitle = \"{}\"\nsubtitle = \"{}\"\nowner = \"{}\"\nstatus = \"{}\"\n\
         stage = \"{}\"\ncustomer = \"{}\"\nteam = \"{}\"\ntags = [{}]\ncreated = {}\n",
        doc.topic.product,
        doc.subtitle,
        people[doc.owner].name,
        doc.status.as_str(),
        STAGES[doc.stage],
        doc.customer,
        team_name(doc.team),
        tags.join(", "),
        date(doc.created),
    );
    for d in &doc.decisions {
        let _ = write!(
            out,
            "\n[[decisions]]\ndate = {}\noutcome = \"{}\"\nby = \"{}\"\nnote = \"{}\"\n",
            date(d.day),
            d.outcome,
            d.by,
            d.note
        );
    }
    out.push_str("+++\n");
}

/// Links are relative to the linking file, as an author would type them.
fn relative_link(from_team: usize, to: &Doc, flat: bool) -> String {
    if flat || from_team == to.team {
        to.file_name(flat)
    } else {
        format!("../team-{:02}/{}", to.team, to.file_name(flat))
    }
}

fn link_targets(rng: &mut Rng, id: usize) -> Vec<(usize, &'static str)> {
    let mut links: Vec<(usize, &'static str)> = Vec::new();
    for _ in 0..rng.range(1, 3) {
        let target = rng.below(id);
        if links.iter().all(|&(t, _)| t != target) {
            links.push((target, rng.pick(LINK_REASONS)));
        }
    }
    links
}

fn person(i: usize) -> Person {
    let first = FIRST_NAMES[i % FIRST_NAMES.len()];
    let last = LAST_NAMES[(i * 13 + 5) % LAST_NAMES.len()];
    Person {
        name: format!("{first} {last}"),
        email: format!("{}.{}@example.com", ascii_fold(first), ascii_fold(last)),
        zone: ZONES[i % ZONES.len()],
    }
}

/// Email addresses stay ASCII even when names are not.
fn ascii_fold(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'á' | 'à' | 'ä' | 'â' => Some('a'),
            'é' | 'è' | 'ë' => Some('e'),
            'í' => Some('i'),
            'ó' | 'ö' | 'ø' => Some('o'),
            'ú' | 'ü' => Some('u'),
            'ñ' => Some('n'),
            'ç' => Some('c'),
            c if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// Formats days since 1970-01-01 as YYYY-MM-DD (Howard Hinnant's
/// civil_from_days), since std has no calendar.
fn date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

// ---------------------------------------------------------------------------
// Prose: sentences from word lists, shaped like an Amazon-style PR/FAQ.
// ---------------------------------------------------------------------------

const PRESS_PARAGRAPHS: usize = 7;
const PRESS_LABELS: [&str; PRESS_PARAGRAPHS] = [
    "Summary",
    "Problem",
    "Solution",
    "Leader quote",
    "How it works",
    "Customer quote",
    "Getting started",
];

fn press_paragraph(i: usize, rng: &mut Rng, t: &Topic) -> String {
    let mut out = String::new();
    match i {
        0 => {
            let _ = write!(
                out,
                "{} — AnyCompany today announced **{}**, a new way for {} to {} their {} {}. ",
                rng.pick(CITIES),
                t.product,
                t.customers,
                rng.pick(VERBS),
                rng.pick(NOUNS),
                rng.pick(ADVERBIALS)
            );
            sentences(rng, t, 4, &mut out);
        }
        1 => {
            let _ = write!(out, "Today, {} {}. ", t.customers, pain(rng));
            let count = rng.range(4, 5);
            sentences(rng, t, count, &mut out);
        }
        2 => {
            let count = rng.range(6, 7);
            sentences(rng, t, count, &mut out);
        }
        3 => {
            quote(rng, t, 2, &mut out);
            let _ = write!(out, " said {}, {}. ", t.owner, rng.pick(ROLES));
            quote(rng, t, 2, &mut out);
        }
        4 => {
            sentences(rng, t, 3, &mut out);
            out.push('\n');
            let count = rng.range(3, 5);
            for feature in pick_distinct(rng, FEATURES, count) {
                let _ = write!(out, "\n- **{feature}**: ");
                sentences(rng, t, 1, &mut out);
            }
        }
        5 => {
            quote(rng, t, 3, &mut out);
            let _ = write!(
                out,
                " said {} {}, one of the first {} to try {}.",
                rng.pick(FIRST_NAMES),
                rng.pick(LAST_NAMES),
                t.customers,
                t.product
            );
        }
        _ => {
            let _ = write!(
                out,
                "{} is available today in {}, at no extra cost for existing customers. ",
                t.product,
                rng.pick(REGIONS)
            );
            sentences(rng, t, 3, &mut out);
        }
    }
    out.trim_end().to_string()
}

fn subtitle(rng: &mut Rng, t: &Topic) -> String {
    format!(
        "{} {} their {} {}",
        capitalize(t.customers),
        rng.pick(VERBS),
        rng.pick(NOUNS),
        rng.pick(ADVERBIALS)
    )
}

fn pain(rng: &mut Rng) -> String {
    let (verb, noun, adj) = (rng.pick(VERBS), rng.pick(NOUNS), rng.pick(ADJECTIVES));
    match rng.below(5) {
        0 => format!("juggle three different tools to {verb} their {noun}"),
        1 => format!("wait up to a week to {verb} {adj} {noun}"),
        2 => format!("copy {noun} by hand between systems"),
        3 => format!("lose track of {adj} {noun} until it is too late"),
        _ => format!("pay consultants to {verb} their {noun}"),
    }
}

fn answer(rng: &mut Rng, t: &Topic) -> String {
    let mut out = String::new();
    let count = rng.range(2, 4);
    sentences(rng, t, count, &mut out);
    out.trim_end().to_string()
}

fn faq(rng: &mut Rng, t: &Topic, question: &str) -> Faq {
    Faq {
        question: fill(question, t),
        answer: answer(rng, t),
        table: None,
        links: Vec::new(),
    }
}

fn fill(template: &str, t: &Topic) -> String {
    template
        .replace("{p}", &t.product)
        .replace("{c}", t.customers)
}

/// `count` different items from `all` (fewer if `all` is shorter).
fn pick_distinct(rng: &mut Rng, all: &[&'static str], count: usize) -> Vec<&'static str> {
    let mut pool = all.to_vec();
    (0..count.min(pool.len()))
        .map(|_| pool.swap_remove(rng.below(pool.len())))
        .collect()
}

fn staffing_table(rng: &mut Rng) -> String {
    let mut out =
        String::from("| Phase | Engineers | Months | Cost ($k) |\n|---|---:|---:|---:|\n");
    for phase in ["Prototype", "Beta", "Launch", "Scale"] {
        let (engineers, months) = (rng.range(2, 12), rng.range(1, 9));
        let cost = engineers * months * 20;
        let _ = writeln!(out, "| {phase} | {engineers} | {months} | {cost} |");
    }
    out
}

fn pick_tags(rng: &mut Rng) -> Vec<&'static str> {
    let count = rng.range(1, 3);
    let mut tags = pick_distinct(rng, TAGS, count);
    tags.sort_unstable();
    tags
}

fn decision(rng: &mut Rng, day: i64, outcome: &'static str) -> Decision {
    let notes = match outcome {
        "proceed" => PROCEED_NOTES,
        "shelve" => SHELVE_NOTES,
        _ => REVISIT_NOTES,
    };
    Decision {
        day,
        outcome,
        by: rng.pick(REVIEWERS),
        note: notes[rng.below(notes.len())].replace("{n}", &rng.range(2, 9).to_string()),
    }
}

fn product_name(rng: &mut Rng) -> String {
    let mut brand = String::new();
    for _ in 0..rng.range(2, 3) {
        brand.push_str(rng.pick(SYLLABLES));
    }
    format!("{} {}", capitalize(&brand), rng.pick(THINGS))
}

/// Appends `count` sentences in double quotes.
fn quote(rng: &mut Rng, t: &Topic, count: usize, out: &mut String) {
    out.push('"');
    sentences(rng, t, count, out);
    out.pop(); // the space after the last sentence
    out.push('"');
}

/// Appends `count` sentences, each followed by a space.
fn sentences(rng: &mut Rng, t: &Topic, count: usize, out: &mut String) {
    for _ in 0..count {
        sentence(rng, t, out);
        out.push(' ');
    }
}

fn sentence(rng: &mut Rng, t: &Topic, out: &mut String) {
    let (verb, noun, adv) = (rng.pick(VERBS), rng.pick(NOUNS), rng.pick(ADVERBIALS));
    let thing = object(rng);
    let c = t.customers;
    let p = &t.product;
    let s = match rng.below(14) {
        0 => format!(
            "{} {} {verb} their {thing} {adv}.",
            capitalize(c),
            rng.pick(MODALS)
        ),
        1 => format!(
            "With {p}, {c} {verb} {noun} {adv}, and their {} stay {}.",
            rng.pick(NOUNS),
            rng.pick(STATES)
        ),
        2 => format!("Many {c} {}.", pain(rng)),
        3 => format!(
            "{p} {} {thing} automatically and flags the {} ones for review.",
            third_person(verb),
            rng.pick(ADJECTIVES)
        ),
        4 => format!(
            "Because {p} {} {noun} {adv}, teams spend less time on {thing} and more time with customers.",
            third_person(verb)
        ),
        5 => format!(
            "In early tests, {c} cut the time spent on {noun} by {} percent.",
            rng.range(20, 80)
        ),
        6 => format!(
            "The {} feature lets {c} {verb} {thing} {adv}.",
            rng.pick(FEATURES)
        ),
        7 => {
            let tools = pick_distinct(rng, TOOLS, 3);
            format!(
                "{p} works with the tools {c} already use, including {}, {} and {}.",
                tools[0], tools[1], tools[2]
            )
        }
        8 => format!(
            "We heard from {} {c} that {thing} were the hardest part of their week.",
            rng.range(12, 400)
        ),
        9 => format!(
            "{} {c} {} {thing}, so {p} starts there.",
            capitalize(rng.pick(QUANTIFIERS)),
            rng.pick(WORRIES)
        ),
        10 => format!("{p} remembers {thing}, so {c} never have to {verb} the same {noun} twice."),
        11 => format!(
            "Setting up {p} takes less than {} minutes, and nothing changes for the people {c} work with.",
            rng.range(3, 30)
        ),
        12 => format!(
            "For {c} who {verb} {noun} every day, that adds up to {} hours a month.",
            rng.range(2, 40)
        ),
        _ => format!(
            "Nothing about {noun} is glamorous, but getting them wrong costs {c} real money."
        ),
    };
    out.push_str(&s);
}

/// An adjective and a noun, sometimes in bold, as PR writers like to do.
fn object(rng: &mut Rng) -> String {
    let (adj, noun) = (rng.pick(ADJECTIVES), rng.pick(NOUNS));
    if rng.chance(8) {
        format!("**{adj} {noun}**")
    } else {
        format!("{adj} {noun}")
    }
}

fn third_person(verb: &str) -> String {
    if verb.ends_with('s') || verb.ends_with("sh") || verb.ends_with("ch") || verb.ends_with('x') {
        format!("{verb}es")
    } else if let Some(stem) = verb.strip_suffix('y') {
        format!("{stem}ies")
    } else {
        format!("{verb}s")
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// splitmix64: tiny, fast, and good enough for text; our own so the output
/// never changes under us with a dependency's version.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5851_f42d_4c95_7f2d)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in 0..n (n > 0); the modulo bias is irrelevant here.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in lo..=hi.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------
// Word lists. None contains a double quote or backslash (see front matter).
// ---------------------------------------------------------------------------

/// "Payments", ..., then "Payments Mobile", ... for larger libraries.
fn team_name(team: usize) -> String {
    let area = AREAS[team % AREAS.len()];
    match team / AREAS.len() {
        0 => area.to_string(),
        unit => format!("{area} {}", UNITS[(unit - 1) % UNITS.len()]),
    }
}

const AREAS: &[&str] = &[
    "Payments",
    "Logistics",
    "Search",
    "Identity",
    "Growth",
    "Marketplace",
    "Devices",
    "Health",
    "Advertising",
    "Developer Tools",
    "Data Platform",
    "Customer Support",
];

const UNITS: &[&str] = &[
    "Mobile",
    "Platform",
    "Growth",
    "Insights",
    "Partners",
    "Enterprise",
    "Labs",
    "Experience",
    "Operations",
];

const FIRST_NAMES: &[&str] = &[
    "Aisha", "Ben", "Carmen", "Dmitri", "Elena", "Farid", "Grace", "Hiroshi", "Inês", "Jonas",
    "Kavya", "Liam", "Maya", "Noah", "Olga", "Pablo", "Quinn", "Rosa", "Sven", "Tomás", "Uma",
    "Victor", "Wen", "Ximena", "Yusuf", "Zoë", "Amara", "Björn", "Chloé", "Diego", "Emeka",
    "Fatima", "Gustav", "Hana", "Ivan", "Júlia", "Kenji", "Leila", "Mateo", "Nadia",
];

const LAST_NAMES: &[&str] = &[
    "Okafor",
    "Schmidt",
    "Nguyen",
    "Petrov",
    "García",
    "Kowalski",
    "Tanaka",
    "Müller",
    "Silva",
    "Haddad",
    "Johansson",
    "O'Brien",
    "Núñez",
    "Lindqvist",
    "Mensah",
    "Rossi",
    "Dubois",
    "Chen",
    "Patel",
    "Kim",
    "Cohen",
    "Ivanova",
    "Andersen",
    "Moreau",
    "Yilmaz",
    "Fischer",
    "Sato",
    "Costa",
    "Walsh",
    "Novak",
    "Bauer",
    "Ali",
    "Jensen",
    "Romero",
    "Park",
    "Singh",
    "Murphy",
    "Eriksen",
    "Das",
    "Weber",
];

const ZONES: &[&str] = &[
    "+0000", "+0100", "+0200", "-0500", "-0800", "+0530", "+0900", "-0300",
];

const SYLLABLES: &[&str] = &[
    "zen", "tor", "a", "lu", "mi", "nor", "va", "qui", "ro", "ka", "del", "fi", "sol", "tra",
    "bel", "cor", "ix", "an", "ve", "sta", "mo", "ri", "pel", "dax", "o", "ly", "gen", "wi",
];

const THINGS: &[&str] = &[
    "Ledger",
    "Pulse",
    "Compass",
    "Harbor",
    "Beacon",
    "Relay",
    "Atlas",
    "Canvas",
    "Sprout",
    "Orbit",
    "Forge",
    "Lens",
    "Quill",
    "Anchor",
    "Switchboard",
    "Radar",
    "Keel",
    "Loom",
    "Lantern",
    "Bridge",
    "Scout",
    "Signal",
    "Pantry",
    "Shelf",
];

const CUSTOMERS: &[&str] = &[
    "store managers",
    "finance teams",
    "small sellers",
    "developers",
    "nurses",
    "delivery drivers",
    "support agents",
    "warehouse leads",
    "teachers",
    "property managers",
    "travel planners",
    "restaurant owners",
    "recruiters",
    "data analysts",
    "field technicians",
    "parents",
    "musicians",
    "accountants",
    "fleet operators",
    "clinic administrators",
];

const SEGMENTS: &[&str] = &[
    "independent",
    "first-time",
    "enterprise",
    "regional",
    "busy",
    "remote",
    "growing",
    "seasonal",
];

const VERBS: &[&str] = &[
    "track",
    "reconcile",
    "compare",
    "schedule",
    "review",
    "approve",
    "share",
    "forecast",
    "automate",
    "monitor",
    "organize",
    "export",
    "search",
    "resolve",
    "prioritize",
    "plan",
    "audit",
    "predict",
    "simplify",
    "manage",
    "route",
    "price",
    "label",
    "verify",
    "restock",
    "translate",
    "summarize",
    "book",
    "refund",
    "negotiate",
];

const ADJECTIVES: &[&str] = &[
    "accurate",
    "shared",
    "unified",
    "overdue",
    "recurring",
    "complex",
    "scattered",
    "duplicate",
    "urgent",
    "seasonal",
    "detailed",
    "missing",
    "personalized",
    "flexible",
    "predictable",
    "costly",
    "manual",
    "hidden",
    "reliable",
    "consistent",
    "late",
    "unpaid",
    "expired",
    "flagged",
    "pending",
    "regional",
    "international",
    "bulk",
];

const NOUNS: &[&str] = &[
    "invoices",
    "shipments",
    "refunds",
    "appointments",
    "orders",
    "claims",
    "contracts",
    "reports",
    "alerts",
    "budgets",
    "schedules",
    "returns",
    "payments",
    "tickets",
    "listings",
    "subscriptions",
    "receipts",
    "forecasts",
    "permissions",
    "routes",
    "quotes",
    "reviews",
    "reservations",
    "timesheets",
    "deliveries",
    "checklists",
    "inspections",
    "renewals",
    "estimates",
    "campaigns",
];

const ADVERBIALS: &[&str] = &[
    "in minutes instead of days",
    "without a spreadsheet",
    "from any device",
    "across every region",
    "before the end of the month",
    "with a single click",
    "in real time",
    "without calling support",
    "while they are on the move",
    "without writing code",
    "in one place",
    "at no extra cost",
    "as soon as something changes",
    "with far fewer mistakes",
    "on their own schedule",
    "before customers notice",
];

const MODALS: &[&str] = &[
    "can now",
    "no longer need to",
    "will be able to",
    "want to",
    "need a simple way to",
    "can quickly",
];

const STATES: &[&str] = &[
    "up to date",
    "in sync",
    "accurate",
    "visible",
    "under control",
];

const QUANTIFIERS: &[&str] = &["most", "many", "nearly all", "two in three", "one in four"];

const WORRIES: &[&str] = &[
    "worry most about",
    "told us they dread",
    "spend their evenings on",
    "keep asking us about",
];

const FEATURES: &[&str] = &[
    "Smart Inbox",
    "Auto-Match",
    "Daily Digest",
    "One-Tap Approve",
    "Shared Views",
    "Timeline",
    "Bulk Edit",
    "Insights",
    "Offline Mode",
    "Reminders",
];

const TOOLS: &[&str] = &[
    "spreadsheets",
    "email",
    "calendar apps",
    "point-of-sale systems",
    "accounting software",
    "team chat",
    "mobile phones",
    "the web console",
];

const CITIES: &[&str] = &[
    "SEATTLE",
    "LONDON",
    "BERLIN",
    "TORONTO",
    "SÃO PAULO",
    "BANGALORE",
    "TOKYO",
    "SYDNEY",
];

const REGIONS: &[&str] = &[
    "the United States and Canada",
    "Europe",
    "all regions",
    "the United Kingdom",
    "Japan and Australia",
    "Brazil and Mexico",
];

const ROLES: &[&str] = &[
    "director of product",
    "general manager",
    "vice president of operations",
    "head of customer experience",
    "principal product manager",
];

const EXTERNAL_QUESTIONS: &[&str] = &[
    "Who is {p} for?",
    "How much does {p} cost?",
    "When will {p} be available in my region?",
    "How is {p} different from what I use today?",
    "Do I need to change how I work?",
    "What happens to my existing data?",
    "Is my data secure?",
    "Can I try {p} before I buy?",
    "Which devices does {p} support?",
    "How do I get help with {p}?",
];

const INTERNAL_QUESTIONS: &[&str] = &[
    "Why now?",
    "What are the biggest risks?",
    "How will we measure success?",
    "What are we explicitly not doing?",
    "What do we depend on from other teams?",
    "How big is the opportunity with {c}?",
    "What would make us shelve this?",
    "What did we learn from the last attempt?",
];

const STAFFING_QUESTION: &str = "How many people do we need, and for how long?";
const RELATED_QUESTION: &str = "How does this relate to other proposals?";

const LINK_REASONS: &[&str] = &[
    "the shared data model",
    "the pricing approach",
    "an earlier attempt at the same problem",
    "the platform work this depends on",
    "the customer research we reuse",
];

const TAGS: &[&str] = &[
    "mobile",
    "ai",
    "payments",
    "retention",
    "growth",
    "platform",
    "compliance",
    "pricing",
    "onboarding",
    "analytics",
    "accessibility",
    "international",
    "b2b",
    "marketplace",
    "subscriptions",
    "logistics",
    "privacy",
    "search",
];

const REVIEWERS: &[&str] = &[
    "Product Review",
    "Leadership Team",
    "Weekly Business Review",
    "Operating Plan Review",
];

const PROCEED_NOTES: &[&str] = &[
    "Strong customer evidence. Fund a team of {n} for the first two quarters.",
    "Proceed with a limited beta in one region; report back in {n} months.",
    "The FAQ answers the cost question well enough. Staff it from the current plan.",
];

const SHELVE_NOTES: &[&str] = &[
    "The market is too small for now. Keep the research; revisit in {n} quarters.",
    "Depends on platform work that is not funded this year.",
    "Customer evidence is thin: {n} interviews, mostly internal users.",
];

const REVISIT_NOTES: &[&str] = &[
    "Come back with pricing and a clearer customer segment.",
    "Rewrite the press release for the customer, not for us, and bring it back in {n} weeks.",
    "Needs a credible answer on support costs before we decide.",
];

const BATCH_SUBJECTS: &[&str] = &[
    "Edits after the weekly review",
    "Address review comments",
    "Copy edits",
    "Update FAQs after customer interviews",
];
