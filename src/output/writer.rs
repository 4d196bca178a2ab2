//! The writer: a site in batches, put in place only on commit.
//!
//! A first build (no folder yet, or an empty one) is written to a staging
//! folder beside the output folder and renamed into place: the output folder
//! is either absent or complete. A rebuild writes each changed file beside
//! its old version (`<file>.prfaq-new`) and renames them all into place on
//! commit, because rewriting ten thousand unchanged pages costs seconds.
//!
//! Crash safety comes from the journal (see `journal`): everything a build is
//! about to touch is noted before it is touched, so a killed build leaves no
//! state the next build cannot recognise; that build removes the leftovers
//! and rewrites or deletes every file the killed one may have touched, then
//! trusts the manifest only for files whose disk state it recorded.

use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::fs::{
    is_real_path, real_folders, remove_empty_folders, remove_entry, remove_tree, safe_join,
    write_new,
};
use super::journal::{Journal, Record};
use super::manifest::{Entry, FolderId, Manifest};
use super::state::State;
use super::{STAGING_MARK, with_path};
use crate::render::Page;

/// Suffix of a file written beside the one it replaces.
const NEW_SUFFIX: &str = ".prfaq-new";

/// What a write did, for the summary line and the benchmarks.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// A failed write, with the page it was for.
#[derive(Debug)]
pub struct WriteError {
    /// The page (relative path in the site), when the failure concerns one.
    pub page: Option<String>,
    pub error: io::Error,
}

impl From<io::Error> for WriteError {
    fn from(error: io::Error) -> Self {
        WriteError { page: None, error }
    }
}

/// Writes a site in batches, so a large site never has to be in memory at
/// once, and puts it in place only on [`Writer::commit`].
pub struct Writer {
    output: PathBuf,
    state: State,
    journal: Journal,
    /// Where a first build is written, renamed to `output` on commit.
    staging: Option<PathBuf>,
    /// What the output folder holds that prfaq wrote: `None` for files a
    /// killed build may have touched, which are never trusted as unchanged.
    old: BTreeMap<String, Option<Entry>>,
    new: BTreeMap<String, Entry>,
    /// Written files waiting to be renamed over their old versions: (temporary, final).
    pending: Vec<(PathBuf, PathBuf)>,
    written: usize,
    unchanged: usize,
    /// Folders (relative) known to be real folders, so each is checked once.
    folders: HashSet<PathBuf>,
    /// Folders this writer created, removed again by `abort` when left empty.
    created: Vec<PathBuf>,
}

impl Writer {
    /// Starts writing `output`, first repairing what a killed build left.
    /// The caller holds the state folder's lock.
    pub fn begin(output: &Path, state: &State) -> io::Result<Writer> {
        let mut journal = Journal::open(state, output);
        let manifest = Manifest::load(state, output);
        let mut old: BTreeMap<String, Option<Entry>> = manifest
            .map(|m| m.files.into_iter().map(|(k, v)| (k, Some(v))).collect())
            .unwrap_or_default();
        for record in &journal.leftovers {
            match record {
                Record::Staging(folder) => remove_tree(folder)?,
                Record::File(path) => {
                    if let Some(target) = safe_join(output, path)
                        && is_real_path(output, Path::new(path))
                    {
                        remove_entry(&temporary_path(&target))?;
                    }
                    old.insert(path.clone(), None);
                }
            }
        }
        remove_stray_staging(output)?;
        let empty = is_absent_or_empty(output);
        let staging = if empty {
            let staging = staging_path(output);
            journal.note(&[Record::Staging(super::absolute(&staging))])?;
            std::fs::create_dir_all(&staging).map_err(|e| with_path(e, &staging))?;
            old.clear();
            Some(staging)
        } else {
            None
        };
        Ok(Writer {
            output: output.to_owned(),
            state: state.clone(),
            journal,
            staging,
            old,
            new: BTreeMap::new(),
            pending: Vec::new(),
            written: 0,
            unchanged: 0,
            folders: HashSet::new(),
            created: Vec::new(),
        })
    }

    /// Writes the pages that changed, out of sight.
    pub fn add(&mut self, pages: Vec<Page>) -> Result<(), WriteError> {
        let to_write = self.changed(pages)?;
        if self.staging.is_none() {
            // Noted before the first byte is written, so a kill at any moment is repaired.
            let records: Vec<Record> = to_write
                .iter()
                .map(|(page, _, _)| Record::File(page.path.clone()))
                .collect();
            self.journal.note(&records)?;
        }
        let staged = self.staging.is_some();
        let written: Vec<Result<(String, Entry, PathBuf, PathBuf), WriteError>> = to_write
            .into_par_iter()
            .map(|(page, hash, target)| {
                let file = if staged {
                    target.clone()
                } else {
                    temporary_path(&target)
                };
                let metadata =
                    write_new(&file, &page.content).map_err(|e| page_error(&page.path, e))?;
                let key = page.key.unwrap_or(0);
                Ok((page.path, Entry::new(hash, &metadata, key), file, target))
            })
            .collect();
        for result in written {
            let (path, entry, file, target) = result?;
            self.new.insert(path, entry);
            self.written += 1;
            if !staged {
                self.pending.push((file, target));
            }
        }
        Ok(())
    }

    /// Whether the file at `path` was rendered from inputs with `key` and is
    /// still as prfaq wrote it, so it can be kept without rendering it.
    pub fn reusable(&self, path: &str, key: u64) -> bool {
        let Some(Some(entry)) = self.old.get(path) else {
            return false;
        };
        entry.key == key
            && key != 0
            && safe_join(&self.output, path).is_some_and(|target| entry.matches_disk(&target))
    }

    /// Keeps files [`Writer::reusable`] accepted, as they are.
    pub fn keep(&mut self, kept: Vec<(String, u64)>) {
        for (path, key) in kept {
            if let Some(Some(entry)) = self.old.get(&path) {
                debug_assert_eq!(entry.key, key);
                self.new.insert(path, *entry);
                self.unchanged += 1;
            }
        }
    }

    /// The pages that must be written, each with its fingerprint and path;
    /// the others are recorded as unchanged. Folders on the way are made real.
    fn changed(&mut self, pages: Vec<Page>) -> Result<Vec<(Page, u64, PathBuf)>, WriteError> {
        let fingerprints: Vec<u64> = pages.par_iter().map(|p| fingerprint(&p.content)).collect();
        let root = self.staging.clone().unwrap_or_else(|| self.output.clone());
        let mut to_write = Vec::new();
        for (page, hash) in pages.into_iter().zip(fingerprints) {
            let Some(target) = safe_join(&root, &page.path) else {
                let error = io::Error::other("not a relative path");
                return Err(page_error(&page.path, error));
            };
            if let Some(folder) = Path::new(&page.path).parent() {
                real_folders(&root, folder, &mut self.folders, &mut self.created)
                    .map_err(|e| page_error(&page.path, e))?;
            }
            match self.old.get(&page.path) {
                Some(Some(entry)) if entry.hash == hash && entry.matches_disk(&target) => {
                    let key = page.key.unwrap_or(0);
                    self.new.insert(page.path, entry.with_key(key));
                    self.unchanged += 1;
                }
                _ => to_write.push((page, hash, target)),
            }
        }
        Ok(to_write)
    }

    /// Puts the new site in place and removes what it no longer has.
    pub fn commit(mut self) -> Result<WriteStats, WriteError> {
        if let Some(staging) = self.staging.take() {
            return self.commit_staging(&staging);
        }
        for (index, (temporary, path)) in self.pending.iter().enumerate() {
            test_pause(index);
            std::fs::rename(temporary, path).map_err(|e| {
                let page = path.strip_prefix(&self.output).unwrap_or(path);
                page_error(&page.to_string_lossy(), with_path(e, path))
            })?;
        }
        let mut removed = 0;
        let mut emptied = HashSet::new();
        for stale in self
            .old
            .keys()
            .filter(|p| !self.new.contains_key(p.as_str()))
        {
            let Some(path) = safe_join(&self.output, stale) else {
                continue;
            };
            // Through a link, the file is not in the output folder: leave it.
            if is_real_path(&self.output, Path::new(stale)) && remove_entry(&path)? {
                removed += 1;
                emptied.extend(path.parent().map(Path::to_owned));
            }
        }
        remove_empty_folders(&self.output, emptied);
        let folder = FolderId::of(&self.output)
            .ok_or_else(|| with_path(io::ErrorKind::NotFound.into(), &self.output))?;
        // A manifest that would say what the stored one says is not written
        // again (3.7 MB of JSON at 10,000 documents).
        if removed > 0 || !self.manifest_unchanged() {
            self.save_manifest(folder)?;
        }
        self.journal.close()?;
        Ok(WriteStats {
            written: self.written,
            unchanged: self.unchanged,
            removed,
        })
    }

    /// Throws away what was written; the previous site stays as it was.
    pub fn abort(self) {
        let mut clean = true;
        if let Some(staging) = &self.staging {
            clean &= remove_tree(staging).is_ok();
        }
        for (temporary, _) in &self.pending {
            clean &= remove_entry(temporary).is_ok();
        }
        // Deepest first; remove_dir leaves any folder that is not empty.
        for dir in self.created.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
        // Files a killed build may have touched stay suspect until a build commits.
        let suspects = self.old.values().any(Option::is_none);
        if clean && !suspects {
            let _ = self.journal.close();
        }
    }

    /// The manifest names the staging folder, whose identity the rename keeps,
    /// so at no moment is the output folder complete but unowned.
    fn commit_staging(self, staging: &Path) -> Result<WriteStats, WriteError> {
        let folder = FolderId::of(staging)
            .ok_or_else(|| with_path(io::ErrorKind::NotFound.into(), staging))?;
        self.save_manifest(folder)?;
        match std::fs::symlink_metadata(&self.output) {
            // Only an empty folder gets here: Writer::begin chose staging for it.
            Ok(m) if m.is_dir() => {
                std::fs::remove_dir(&self.output).map_err(|e| with_path(e, &self.output))?;
            }
            Ok(_) => remove_entry(&self.output).map(drop)?,
            Err(_) => {}
        }
        std::fs::rename(staging, &self.output).map_err(|e| with_path(e, &self.output))?;
        self.journal.close()?;
        Ok(WriteStats {
            written: self.written,
            ..WriteStats::default()
        })
    }

    /// Whether the files and their entries are the ones the stored manifest
    /// lists, all of them trusted (none a killed build may have touched).
    fn manifest_unchanged(&self) -> bool {
        self.written == 0
            && self.old.len() == self.new.len()
            && self
                .new
                .iter()
                .all(|(path, entry)| self.old.get(path) == Some(&Some(*entry)))
    }

    fn save_manifest(&self, folder: FolderId) -> io::Result<()> {
        let manifest = Manifest {
            folder,
            files: self.new.clone(),
        };
        manifest.save(&self.state, &self.output)
    }
}

fn page_error(page: &str, error: io::Error) -> WriteError {
    WriteError {
        page: Some(page.to_owned()),
        error,
    }
}

/// A fresh staging folder beside `output`, e.g. `.public.prfaq-staging-123`.
fn staging_path(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map_or("site".into(), |n| n.to_string_lossy().into_owned());
    parent_of(output).join(format!(".{name}{STAGING_MARK}{}", std::process::id()))
}

/// Staging folders of killed builds (this version's and earlier ones') beside `output`.
fn remove_stray_staging(output: &Path) -> io::Result<()> {
    let Some(name) = output.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Ok(());
    };
    let Ok(entries) = std::fs::read_dir(parent_of(output)) else {
        return Ok(());
    };
    let prefixes = [
        format!(".{name}{STAGING_MARK}"),
        format!(".{name}.prfaq-tmp-"),
    ];
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            remove_tree(&entry.path())?;
        }
    }
    Ok(())
}

fn parent_of(output: &Path) -> &Path {
    output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn is_absent_or_empty(path: &Path) -> bool {
    match std::fs::symlink_metadata(path) {
        Err(_) => true,
        Ok(m) if m.is_dir() => {
            std::fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none())
        }
        Ok(_) => false,
    }
}

fn temporary_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(NEW_SUFFIX);
    PathBuf::from(name)
}

/// A stable fingerprint of a file's content (XXH3: stable across releases,
/// and fast enough that hashing a large site costs milliseconds).
fn fingerprint(content: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(content)
}

/// For the crash tests: `PRFAQ_TEST_PAUSE_AT_RENAME=N` stops the build for
/// good just before its N-th rename, so a test can kill it there.
fn test_pause(index: usize) {
    static AT: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
    let at = AT.get_or_init(|| {
        std::env::var("PRFAQ_TEST_PAUSE_AT_RENAME")
            .ok()
            .and_then(|n| n.parse().ok())
    });
    if *at == Some(index) {
        eprintln!("prfaq: paused at rename {index}");
        loop {
            std::thread::park();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, content: &str) -> Page {
        Page::new(path, content)
    }

    /// Writes `pages` into `output`, replacing only what changed.
    fn write_site(output: &Path, state: &State, pages: Vec<Page>) -> WriteStats {
        let mut writer = Writer::begin(output, state).unwrap();
        writer.add(pages).unwrap();
        writer.commit().unwrap()
    }

    #[test]
    fn rewrites_only_changed_files_and_removes_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let (out, state) = (
            dir.path().join("public"),
            State::new(dir.path().join(".prfaq")),
        );
        let first = write_site(
            &out,
            &state,
            vec![page("a/index.html", "A"), page("b/index.html", "B")],
        );
        assert_eq!(first.written, 2);
        let second = write_site(
            &out,
            &state,
            vec![page("a/index.html", "A"), page("c/index.html", "C")],
        );
        assert_eq!(
            second,
            WriteStats {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert!(!out.join("b").exists(), "emptied folder is removed");
        assert_eq!(
            std::fs::read_to_string(out.join("c/index.html")).unwrap(),
            "C"
        );
        let names: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 2, "nothing but the site: {names:?}");
    }

    #[test]
    fn never_deletes_files_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let (out, state) = (
            dir.path().join("public"),
            State::new(dir.path().join(".prfaq")),
        );
        write_site(&out, &state, vec![page("a/index.html", "A")]);
        std::fs::write(out.join("a/mine.txt"), "user file").unwrap();
        write_site(&out, &state, vec![page("b.html", "B")]);
        assert!(out.join("a/mine.txt").is_file());
    }

    #[test]
    fn a_file_replaced_behind_its_back_is_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let (out, state) = (
            dir.path().join("public"),
            State::new(dir.path().join(".prfaq")),
        );
        write_site(&out, &state, vec![page("a.html", "A")]);
        std::fs::write(out.join("other"), "B").unwrap();
        std::fs::rename(out.join("other"), out.join("a.html")).unwrap();
        let stats = write_site(&out, &state, vec![page("a.html", "A")]);
        assert_eq!(stats.written, 1);
        assert_eq!(std::fs::read_to_string(out.join("a.html")).unwrap(), "A");
    }
}
