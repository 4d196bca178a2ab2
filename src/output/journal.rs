//! The journal of a build in progress: before prfaq creates a staging folder
//! or writes a file into the output folder, it notes it here, and it deletes
//! the journal only once the site and its manifest are in place.
//!
//! So a journal found at the start of a build means the previous one was
//! killed: every path it names is treated as unknown (its leftovers removed,
//! the file rewritten or deleted, whatever the manifest says), and the next
//! build of any version of the library ends with exactly that version's site.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::state::State;
use super::with_path;

/// One thing a build was about to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Record {
    /// A staging folder beside the output folder (absolute path).
    Staging(PathBuf),
    /// A file of the site, relative to the output folder, about to be written.
    File(String),
}

/// The open journal of one output folder.
pub struct Journal {
    path: PathBuf,
    file: Option<File>,
    /// What earlier, killed builds left in it.
    pub leftovers: Vec<Record>,
}

impl Journal {
    /// Opens the journal of `output`, reading what killed builds left in it.
    pub fn open(state: &State, output: &Path) -> Journal {
        let path = state.record_path(output, "journal");
        let leftovers = std::fs::read_to_string(&path)
            .map(|text| {
                text.lines()
                    .filter_map(|line| serde_json::from_str(line).ok())
                    .collect()
            })
            .unwrap_or_default();
        Journal {
            path,
            file: None,
            leftovers,
        }
    }

    /// Notes `records` before they happen.
    pub fn note(&mut self, records: &[Record]) -> io::Result<()> {
        if records.is_empty() {
            return Ok(());
        }
        if self.file.is_none() {
            if let Some(dir) = self.path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| with_path(e, dir))?;
            }
            let file = OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.path)
                .map_err(|e| with_path(e, &self.path))?;
            self.file = Some(file);
        }
        let mut text = String::new();
        for record in records {
            text.push_str(&serde_json::to_string(record).map_err(io::Error::other)?);
            text.push('\n');
        }
        let file = self
            .file
            .as_mut()
            .ok_or_else(|| io::Error::other("journal"))?;
        file.write_all(text.as_bytes())
            .map_err(|e| with_path(e, &self.path))
    }

    /// The build finished (or cleaned up after itself): nothing is left to repair.
    pub fn close(self) -> io::Result<()> {
        drop(self.file);
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(with_path(e, &self.path)),
            _ => Ok(()),
        }
    }
}
