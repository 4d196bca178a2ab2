//! Reading a repository's history with the `git` command: one `git log` pass
//! for every commit that touched the content folder, and one `git cat-file
//! --batch` process for every old version of every file.
//!
//! Why the git CLI and not a library: measured on rust-lang/rfcs, one `git
//! log` stream plus `cat-file --batch` (2.7 s) is as fast as gix (2.8 s) and
//! faster than git2, and costs no compile time. One process per file (what
//! log4brains does) is what makes other tools slow; we never do that.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// One commit from `git log`, with the content files it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commit {
    pub hash: String,
    /// Author date in the author's time zone, `YYYY-MM-DD`.
    pub date: String,
    pub author: String,
    pub subject: String,
    pub changes: Vec<FileChange>,
}

/// One file changed by a commit. Paths are relative to the library root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileChange {
    /// `A`dded, `M`odified, `D`eleted, `R`enamed, `C`opied, `T`ype changed.
    pub status: char,
    pub path: String,
    /// The path before a rename or copy.
    pub from: Option<String>,
    /// The blob after the change (`None` for deletions).
    pub blob: Option<String>,
}

/// Facts about the repository the library lives in.
#[derive(Debug, Clone)]
pub struct Repo {
    /// `HEAD`'s commit; `None` in a repository without commits.
    pub head: Option<String>,
    /// A shallow clone: the oldest commits are missing.
    pub shallow: bool,
    /// Where the library root is inside the repository, e.g. `docs/prfaqs/` (empty at the top).
    pub prefix: String,
}

/// Why history could not be read.
#[derive(Debug)]
pub enum GitError {
    /// Not inside a git work tree, or git is not installed.
    NotARepo,
    Failed(String),
}

/// Looks at the repository around `root`.
pub fn repo(root: &Path) -> Result<Repo, GitError> {
    let output = git(root)
        .args([
            "rev-parse",
            "--is-inside-work-tree",
            "--is-shallow-repository",
            "--show-prefix",
        ])
        .output()
        .map_err(|_| GitError::NotARepo)?;
    if !output.status.success() {
        return Err(GitError::NotARepo);
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut lines = text.lines();
    if lines.next() != Some("true") {
        return Err(GitError::NotARepo);
    }
    let shallow = lines.next() == Some("true");
    let prefix = lines.next().unwrap_or("").to_owned();
    let head = git(root)
        .args(["rev-parse", "--verify", "--quiet", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    Ok(Repo {
        head,
        shallow,
        prefix,
    })
}

/// Whether `ancestor` is an ancestor of (or equal to) `head`.
pub fn is_ancestor(root: &Path, ancestor: &str, head: &str) -> bool {
    git(root)
        .args(["merge-base", "--is-ancestor", ancestor, head])
        .status()
        .is_ok_and(|s| s.success())
}

/// Commits below which the walk is read by one `git log`.
const MIN_COMMITS_TO_SPLIT: usize = 64;
/// Ranges of the walk per `git log` running at once: a process that is
/// through with its range takes the next, so none waits on the slowest.
const RANGES_PER_PROCESS: usize = 3;

/// Every non-merge commit that touched `content_dir`, newest first; `since`
/// limits it to commits after a known one (the cache).
///
/// No pathspec is given to git: with one, git compares every tree twice
/// (once to simplify history, once for the diff), which doubled the log pass
/// on a flat folder of 10,000 documents (24.5 s of CPU instead of 13.5 s,
/// issue #13). Changes outside the content folder are dropped here instead.
///
/// The walk is cut into ranges read by one `git log` per core, a range at a
/// time. Halves left one core idle for the last 1.8 s at 10,000 documents:
/// newer commits cost more (their trees are larger), and the newer half took
/// 7.5 s where the older took 5.6 s.
pub fn log(root: &Path, content_dir: &Path, since: Option<&str>) -> Result<Vec<Commit>, GitError> {
    let exclude = since.map(|s| format!("^{s}"));
    let processes = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, 4);
    let ranges = ranges(root, exclude.as_deref(), processes * RANGES_PER_PROCESS);
    let outputs = in_parallel(&ranges, processes, |revs| {
        log_output(root, revs, exclude.as_deref())
    });
    let prefix = content_prefix(content_dir);
    let mut commits = Vec::new();
    for output in outputs {
        commits.extend(parse_log(&output?).into_iter().filter_map(|mut commit| {
            commit.changes.retain(|c| {
                c.path.starts_with(&prefix)
                    || c.from.as_ref().is_some_and(|f| f.starts_with(&prefix))
            });
            (!commit.changes.is_empty()).then_some(commit)
        }));
    }
    Ok(commits)
}

/// Runs `read` on every item, `processes` at a time, each taking the next
/// item when it is through; the results are in the items' order.
fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    processes: usize,
    read: impl Fn(&T) -> Result<R, GitError> + Sync,
) -> Vec<Result<R, GitError>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, Result<R, GitError>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..processes.min(items.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break done };
                        done.push((i, read(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    // A worker that panicked lost its items: say so rather than drop commits.
    if done.len() < items.len() {
        return vec![Err(GitError::Failed("git log failed".into()))];
    }
    done.into_iter().map(|(_, r)| r).collect()
}

/// The walk from `HEAD` (stopping at `exclude`) cut into about `pieces`
/// ranges of as many commits, newest first, as `git log` arguments. The cuts
/// are commits of `HEAD`'s first-parent chain, so each is an ancestor of the
/// one before it and no commit is in two ranges, merges or not; and a range
/// is read before the older ones, as rename following needs.
fn ranges(root: &Path, exclude: Option<&str>, pieces: usize) -> Vec<Vec<String>> {
    let whole = vec![vec!["HEAD".to_owned()]];
    let Some(output) = git(root)
        .args(["rev-list", "--first-parent", "HEAD"])
        .args(exclude)
        .output()
        .ok()
        .filter(|o| o.status.success())
    else {
        return whole;
    };
    let text = String::from_utf8_lossy(&output.stdout);
    let chain: Vec<&str> = text.lines().collect();
    if chain.len() < MIN_COMMITS_TO_SPLIT || pieces < 2 {
        return whole;
    }
    let mut cuts: Vec<&str> = (1..pieces)
        .map(|i| chain[chain.len() * i / pieces])
        .collect();
    cuts.dedup();
    let mut ranges = Vec::with_capacity(cuts.len() + 1);
    let mut from = "HEAD";
    for cut in cuts {
        ranges.push(vec![from.to_owned(), format!("^{cut}")]);
        from = cut;
    }
    ranges.push(vec![from.to_owned()]);
    ranges
}

/// `content/` for `content`; empty when the content folder is the root.
fn content_prefix(content_dir: &Path) -> String {
    let dir = crate::slug::to_slash(content_dir);
    let dir = dir.trim_start_matches("./").trim_end_matches('/');
    if dir.is_empty() || dir == "." {
        String::new()
    } else {
        format!("{dir}/")
    }
}

/// The raw `git log` of the commits reachable from `revs` (and not from `exclude`).
fn log_output(root: &Path, revs: &[String], exclude: Option<&str>) -> Result<Vec<u8>, GitError> {
    let output = git(root)
        .args([
            "log",
            "-z",
            // Merges repeat their parents' changes; skipping them avoids duplicate entries.
            "--no-merges",
            "--raw",
            "--no-abbrev",
            "-M",
            "--relative",
            "--format=%H%x00%as%x00%an%x00%s",
        ])
        .args(revs)
        .args(exclude)
        .arg("--")
        .output()
        .map_err(|e| GitError::Failed(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        return Err(GitError::Failed(
            String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        ));
    }
    Ok(output.stdout)
}

/// Parses `git log -z --raw --format=%H%x00%as%x00%an%x00%s`.
///
/// Every field and every path ends at a NUL, the one byte no subject, author
/// or path can contain, so nothing a commit carries can split or hide a
/// record. A record is four header fields followed by its raw entries, each a
/// `:meta` token and one or two paths; the first token that is not `:meta`
/// opens the next commit.
pub fn parse_log(bytes: &[u8]) -> Vec<Commit> {
    let mut tokens = bytes
        .split(|&b| b == 0)
        .map(|t| String::from_utf8_lossy(t).into_owned())
        .peekable();
    let mut commits = Vec::new();
    loop {
        // Skip the empty tokens between records.
        while tokens.peek().is_some_and(|t| t.trim().is_empty()) {
            tokens.next();
        }
        let Some(hash) = tokens.next() else { break };
        let header = (tokens.next(), tokens.next(), tokens.next());
        let (Some(date), Some(author), Some(subject)) = header else {
            break;
        };
        let mut changes = Vec::new();
        while let Some(meta) = tokens
            .peek()
            .and_then(|t| t.trim_start_matches('\n').strip_prefix(':'))
            .map(ToOwned::to_owned)
        {
            tokens.next();
            let Some(change) = parse_change(&meta, &mut tokens) else {
                break;
            };
            changes.extend(change);
        }
        commits.push(Commit {
            hash: hash.trim().to_owned(),
            date,
            author,
            subject,
            changes,
        });
    }
    commits
}

/// One raw entry after its `:meta` token, e.g. `100644 100644 <old> <new> R100`,
/// taking its paths from `tokens`. `Some(None)`: an entry we do not use;
/// `None`: the stream ended.
fn parse_change(
    meta: &str,
    tokens: &mut impl Iterator<Item = String>,
) -> Option<Option<FileChange>> {
    let parts: Vec<&str> = meta.split(' ').collect();
    let status = parts.get(4).and_then(|s| s.chars().next());
    let first = tokens.next()?;
    let (from, path) = if matches!(status, Some('R' | 'C')) {
        (Some(first), tokens.next()?)
    } else {
        (None, first)
    };
    let (Some(new_blob), Some(status)) = (parts.get(3), status) else {
        return Some(None);
    };
    let blob =
        (status != 'D' && !new_blob.bytes().all(|b| b == b'0')).then(|| (*new_blob).to_owned());
    Some(Some(FileChange {
        status,
        path,
        from,
        blob,
    }))
}

/// Blobs below which one `cat-file` process reads them all: starting
/// another costs more than it saves.
const BLOBS_PER_EXTRA_READER: usize = 512;

/// Reads the content of many blobs, a share of them per core, each through
/// one `git cat-file --batch`. Blobs that are not text are left out.
///
/// One process kept a core idle while the other waited on it: the 41,102
/// blobs of a first build at 10,000 documents took 2.4 s with one reader.
pub fn read_blobs(root: &Path, blobs: &[&str]) -> Result<HashMap<String, String>, GitError> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let readers = cores
        .clamp(1, 4)
        .min(blobs.len() / BLOBS_PER_EXTRA_READER + 1);
    read_blobs_with(root, blobs, readers)
}

/// Reads `blobs` with `readers` processes side by side, each its share.
fn read_blobs_with(
    root: &Path,
    blobs: &[&str],
    readers: usize,
) -> Result<HashMap<String, String>, GitError> {
    if readers <= 1 || blobs.is_empty() {
        return read_blobs_with_one(root, blobs);
    }
    // On the pool's threads, which live on: the texts they read are freed
    // by others, and memory freed by a thread that has ended is slow to be
    // used again (a first build at 10,000 documents peaked 20–40 MiB higher).
    let shares: Vec<Result<HashMap<String, String>, GitError>> = blobs
        .par_chunks(blobs.len().div_ceil(readers))
        .with_max_len(1)
        .map(|share| read_blobs_with_one(root, share))
        .collect();
    let mut contents = HashMap::with_capacity(blobs.len());
    for share in shares {
        contents.extend(share?);
    }
    Ok(contents)
}

/// Reads `blobs` through one `git cat-file --batch`.
fn read_blobs_with_one(root: &Path, blobs: &[&str]) -> Result<HashMap<String, String>, GitError> {
    // Without a large delta base cache, git re-inflates delta chains for
    // blobs asked for out of pack order (33.7 s instead of 3.3 s over the
    // 38,578 blobs of a 10,000-document library, issue #13).
    let mut child = git(root)
        .args(["-c", "core.deltaBaseCacheLimit=1g", "cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| GitError::Failed(format!("cannot run git cat-file: {e}")))?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| GitError::Failed("no stdin".into()))?;
    let requests: String = blobs.iter().map(|b| format!("{b}\n")).collect();
    // Write from another thread: git's output pipe would fill up and block us both.
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| GitError::Failed("no stdout".into()))?;
    let mut reader = BufReader::with_capacity(1 << 20, stdout);
    let mut contents = HashMap::with_capacity(blobs.len());
    let mut header = String::new();
    for blob in blobs {
        header.clear();
        if reader.read_line(&mut header).map_err(io_failed)? == 0 {
            break;
        }
        // "<oid> blob <size>\n<content>\n", or "<oid> missing\n"
        let Some(size) = header
            .trim_end()
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse::<usize>().ok())
        else {
            continue;
        };
        let mut content = vec![0; size + 1];
        reader.read_exact(&mut content).map_err(io_failed)?;
        content.pop();
        if let Ok(text) = String::from_utf8(content) {
            contents.insert((*blob).to_owned(), text);
        }
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(contents)
}

#[allow(clippy::needless_pass_by_value)]
fn io_failed(e: std::io::Error) -> GitError {
    // Takes the error by value to fit `map_err(io_failed)`.
    GitError::Failed(format!("reading from git cat-file failed: {e}"))
}

fn git(root: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(root)
        // Users' settings must not change the format we parse.
        .args([
            "-c",
            "core.quotepath=off",
            "-c",
            "log.showSignature=false",
            "-c",
            "i18n.logOutputEncoding=UTF-8",
        ])
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null());
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A repository with one commit of `files` (name, bytes), in a temp dir.
    fn repository(files: &[(String, Vec<u8>)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in files {
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        let run = |args: &[&str]| {
            let status = git(dir.path()).args(args).status().unwrap();
            assert!(status.success(), "git {args:?}");
        };
        run(&["init", "-q"]);
        run(&["add", "."]);
        run(&[
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@e",
            "commit",
            "-q",
            "-m",
            "all",
        ]);
        dir
    }

    /// A repository whose history `git fast-import` writes from `stream`.
    fn imported(stream: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let init = git(dir.path())
            .args(["init", "-q", "-b", "main"])
            .status()
            .unwrap();
        assert!(init.success());
        let mut import = git(dir.path())
            .args(["fast-import", "--quiet"])
            .stdin(Stdio::piped())
            .spawn()
            .unwrap();
        import
            .stdin
            .take()
            .unwrap()
            .write_all(stream.as_bytes())
            .unwrap();
        assert!(import.wait().unwrap().success());
        let reset = git(dir.path())
            .args(["reset", "-q", "--hard"])
            .status()
            .unwrap();
        assert!(reset.success());
        dir
    }

    /// One commit of a fast-import stream: `changes` are its file commands.
    fn commit(mark: usize, parents: &[usize], changes: &str) -> String {
        let mut text = format!(
            "commit refs/heads/main\nmark :{mark}\ncommitter T <t@e> {} +0000\ndata 2\nc\n",
            1_700_000_000 + mark * 60
        );
        for (i, parent) in parents.iter().enumerate() {
            text += &format!("{} :{parent}\n", if i == 0 { "from" } else { "merge" });
        }
        text + changes
    }

    fn edit(path: &str, n: usize) -> String {
        let body = format!("version {n}\n");
        format!("M 100644 inline {path}\ndata {}\n{body}\n", body.len())
    }

    #[test]
    fn the_walk_read_in_ranges_lists_every_commit_once() {
        // 120 commits on main; a side branch forked at 40, with a rename,
        // merged at 80; a change outside the content folder now and then.
        let mut stream = String::new();
        let mut main = 0;
        let mut side = 0;
        for n in 1..=120 {
            let mut changes = edit(&format!("content/doc-{}.md", n % 7), n);
            if n % 10 == 0 {
                changes += &edit("README.md", n);
            }
            let parents: Vec<usize> = if n == 80 {
                vec![main, side]
            } else if n > 1 {
                vec![main]
            } else {
                vec![]
            };
            stream += &commit(n, &parents, &changes);
            main = n;
            if n == 40 {
                for k in 0..5 {
                    let mark = 1000 + k;
                    let changes = if k == 2 {
                        "R content/doc-3.md content/renamed.md\n".to_owned()
                    } else {
                        edit("content/side.md", mark)
                    };
                    let from = if k == 0 { 40 } else { mark - 1 };
                    stream += &commit(mark, &[from], &changes)
                        .replace("refs/heads/main", "refs/heads/side");
                    side = mark;
                }
            }
        }
        let dir = imported(&stream);
        let content = Path::new("content");
        let whole = parse_log(&log_output(dir.path(), &["HEAD".to_owned()], None).unwrap());
        let split = log(dir.path(), content, None).unwrap();
        assert!(ranges(dir.path(), None, 6).len() > 1, "the walk is split");
        let hashes = |commits: &[Commit]| -> Vec<String> {
            let mut h: Vec<String> = commits.iter().map(|c| c.hash.clone()).collect();
            h.sort();
            h
        };
        let mut unique = hashes(&split);
        unique.dedup();
        assert_eq!(unique.len(), split.len(), "a commit listed twice");
        assert_eq!(
            hashes(&split),
            hashes(&whole),
            "the same commits as one walk"
        );
        assert!(
            split
                .iter()
                .all(|c| c.changes.iter().all(|f| f.path.starts_with("content/")))
        );
        let renamed = split
            .iter()
            .flat_map(|c| &c.changes)
            .find(|f| f.status == 'R');
        assert_eq!(renamed.map(|f| f.path.as_str()), Some("content/renamed.md"));
        // Since a known commit: only what came after it, once each.
        let since = whole[whole.len() / 3].hash.clone();
        let after = log(dir.path(), content, Some(&since)).unwrap();
        let expected = parse_log(
            &log_output(dir.path(), &["HEAD".to_owned()], Some(&format!("^{since}"))).unwrap(),
        );
        assert_eq!(hashes(&after), hashes(&expected));
    }

    #[test]
    fn blobs_read_by_several_processes_are_every_text_blob_once() {
        let mut files: Vec<(String, Vec<u8>)> = (0..40)
            .map(|i| (format!("{i}.md"), format!("text {i}\n").into_bytes()))
            .collect();
        files.push(("binary.bin".into(), vec![0xff, 0xfe, 0x00]));
        let dir = repository(&files);
        let text_ids: Vec<String> = files[..40]
            .iter()
            .map(|(_, bytes)| crate::history::blob_id(std::str::from_utf8(bytes).unwrap()))
            .collect();
        let listed = git(dir.path())
            .args(["ls-files", "-s", "binary.bin"])
            .output()
            .unwrap();
        let binary_id = String::from_utf8(listed.stdout).unwrap()[7..47].to_owned();
        let missing = "1".repeat(40);
        let mut wanted: Vec<&str> = text_ids.iter().map(String::as_str).collect();
        wanted.extend([binary_id.as_str(), missing.as_str()]);
        let one = read_blobs_with(dir.path(), &wanted, 1).unwrap();
        for readers in [2, 3, 7] {
            let shared = read_blobs_with(dir.path(), &wanted, readers).unwrap();
            assert_eq!(shared, one, "{readers} readers");
        }
        assert_eq!(
            one.len(),
            40,
            "the binary and the missing blob are left out"
        );
        for (id, (_, bytes)) in text_ids.iter().zip(&files) {
            assert_eq!(one[id].as_bytes(), bytes.as_slice());
        }
    }

    #[test]
    fn parses_raw_log_records_with_renames() {
        let zero = "0".repeat(40);
        let (a, b) = ("a".repeat(40), "b".repeat(40));
        let log = format!(
            "h2\x002023-11-14\x00Zoë\x00rename\x00\n:100644 100644 {a} {b} R090\x00content/a.md\x00content/b.md\x00\
             h1\x002023-11-14\x00Ann\x00add\x00\n:000000 100644 {zero} {a} A\x00content/a.md\x00\
             :100644 000000 {a} {zero} D\x00content/x.md\x00"
        );
        let commits = parse_log(log.as_bytes());
        assert_eq!(commits.len(), 2);
        assert_eq!(commits[0].author, "Zoë");
        assert_eq!(commits[0].changes[0].status, 'R');
        assert_eq!(commits[0].changes[0].from.as_deref(), Some("content/a.md"));
        assert_eq!(commits[0].changes[0].path, "content/b.md");
        assert_eq!(commits[0].changes[0].blob.as_deref(), Some(b.as_str()));
        assert_eq!(commits[1].changes.len(), 2);
        assert_eq!(commits[1].changes[1].blob, None);
    }

    #[test]
    fn no_byte_in_a_subject_or_author_hides_a_commit() {
        let zero = "0".repeat(40);
        let a = "a".repeat(40);
        let log = format!(
            "h2\x002023-11-14\x00B\x01\n:x\x00s\x01ub\n:100644\x00\n:100644 100644 {a} {a} M\x00content/a.md\x00\
             h1\x002023-11-14\x00A\x00\x01\x00\n:000000 100644 {zero} {a} A\x00content/a.md\x00"
        );
        let commits = parse_log(log.as_bytes());
        let hashes: Vec<&str> = commits.iter().map(|c| c.hash.as_str()).collect();
        assert_eq!(hashes, ["h2", "h1"]);
        assert_eq!(commits[0].subject, "s\x01ub\n:100644");
        assert_eq!(commits[0].author, "B\x01\n:x");
        assert_eq!(commits[0].changes.len(), 1);
        assert_eq!(commits[1].subject, "\x01");
        assert_eq!(commits[1].changes[0].status, 'A');
    }
}
