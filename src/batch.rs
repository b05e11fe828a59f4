//! Batch conversion: many files and whole folders, in parallel, in a fixed order.
//!
//! [`inputs`] expands folders (recursively, in name order) into the report files under them;
//! [`run`] converts them on a thread pool of the size asked for and hands each result to the
//! caller *in input order*, whatever order the threads finish in, so output is the same for
//! `-j 1` and `-j 8`. A file that fails is reported and the run goes on. With an output
//! folder each document is written there (whole or not at all) in that order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::ingest::Input;

/// Extensions of the files taken from a folder (files named on the command line are always
/// taken). `.doc` is included so that the user hears why it cannot be read.
pub const REPORT_EXTENSIONS: &[&str] = &[
    "txt", "text", "docx", "doc", "html", "htm", "shtml", "xhtml", "pdf",
];

/// One file to convert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The file.
    pub input: PathBuf,
    /// Its path relative to the folder it was found in (its file name when named directly).
    pub relative: PathBuf,
}

/// The files to convert: files as given, folders expanded to the report files under them
/// (hidden entries skipped, sorted by path).
pub fn inputs(paths: &[PathBuf]) -> Result<Vec<Job>> {
    let mut jobs = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        if !meta.is_dir() {
            let relative = path.file_name().map_or_else(|| path.clone(), PathBuf::from);
            jobs.push(Job {
                input: path.clone(),
                relative,
            });
            continue;
        }
        let walk = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walk {
            let entry = entry.map_err(|e| Error::Io {
                path: e.path().map_or_else(|| path.clone(), Path::to_path_buf),
                source: e.into_io_error().unwrap_or_else(|| {
                    std::io::Error::other("a symbolic link loops back on itself")
                }),
            })?;
            let is_report = entry.file_type().is_file()
                && entry
                    .path()
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
            if is_report {
                let relative = entry
                    .path()
                    .strip_prefix(path)
                    .unwrap_or(entry.path())
                    .to_path_buf();
                jobs.push(Job {
                    input: entry.into_path(),
                    relative,
                });
            }
        }
    }
    Ok(jobs)
}

/// How converted documents are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Pretty JSON, one file per document.
    Json,
    /// YAML, one file per document.
    Yaml,
    /// One JSON document per line, handed back to the caller (JSON Lines).
    JsonLine,
}

impl Syntax {
    /// The extension of a document file in this syntax.
    pub fn extension(self) -> &'static str {
        match self {
            Syntax::Yaml => "yaml",
            Syntax::Json | Syntax::JsonLine => "json",
        }
    }
}

/// Options of a batch run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Threads converting files at once (at least 1).
    pub threads: usize,
    /// How each file is converted (catalogue, lexicon, limits: inputs over
    /// `convert.limits.max_bytes` are refused).
    pub convert: crate::Options,
    /// The syntax of the documents.
    pub syntax: Syntax,
    /// The folder documents are written to; `None` hands them back instead.
    pub out_dir: Option<PathBuf>,
}

/// What became of one file.
#[derive(Debug)]
pub struct Converted {
    /// Metrics in the document.
    pub metrics: usize,
    /// The file the document was written to, with an output folder.
    pub written: Option<PathBuf>,
    /// The document, serialised, without an output folder (one line for JSON Lines).
    pub text: Option<String>,
}

/// Where job `k` of `jobs` is written in `out_dir`: its relative path with the extension of
/// the syntax; when two inputs would meet at one name (`a.txt`, `a.docx`), the later keeps
/// its own extension too (`a.docx.json`).
pub fn output_paths(jobs: &[Job], out_dir: &Path, syntax: Syntax) -> Vec<PathBuf> {
    let mut seen = std::collections::HashSet::new();
    jobs.iter()
        .map(|job| {
            let plain = out_dir.join(job.relative.with_extension(syntax.extension()));
            if seen.insert(plain.clone()) {
                return plain;
            }
            let mut name = job.relative.as_os_str().to_owned();
            name.push(".");
            name.push(syntax.extension());
            let longer = out_dir.join(name);
            seen.insert(longer.clone());
            longer
        })
        .collect()
}

/// Converts every job on `options.threads` threads and calls `done(k, result)` for job `k`
/// on the calling thread, in job order. With an output folder the calling thread writes each
/// document before handing its result over: one writer, because threads creating and
/// renaming files in one folder queue on the folder's lock in the kernel (measured:
/// docs/performance.md), while the conversions go on in parallel.
pub fn run(
    jobs: &[Job],
    options: &Options,
    mut done: impl FnMut(usize, Result<Converted>),
) -> Result<()> {
    let outputs = options
        .out_dir
        .as_deref()
        .map(|dir| output_paths(jobs, dir, options.syntax));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.max(1))
        .build()
        .map_err(|e| Error::Io {
            path: PathBuf::from("thread pool"),
            source: std::io::Error::other(e.to_string()),
        })?;
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Result<Converted>)>(64);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            pool.install(|| {
                // threads take the next job in order as they come free, so results arrive
                // nearly in order and few wait to be handed back (splitting the list in
                // halves instead would hold back the whole second half)
                jobs.iter()
                    .enumerate()
                    .par_bridge()
                    .for_each_with(tx, |tx, (k, job)| {
                        // the receiver stops only when the caller has gone; nothing to do then
                        let _ = tx.send((k, convert_one(job, options)));
                    });
            });
        });
        // hand results back in job order
        let mut next = 0;
        let mut waiting = BTreeMap::new();
        for (k, result) in rx {
            waiting.insert(k, result);
            while let Some(result) = waiting.remove(&next) {
                let result = match &outputs {
                    Some(paths) => result.and_then(|c| write_out(c, &paths[next])),
                    None => result,
                };
                done(next, result);
                next += 1;
            }
        }
    });
    Ok(())
}

/// Converts one file and serialises its document.
fn convert_one(job: &Job, options: &Options) -> Result<Converted> {
    let input = Input::from_path(&job.input, options.convert.limits.max_bytes)?;
    let doc = crate::convert_with(&input, &options.convert)?;
    let text = match options.syntax {
        Syntax::Json => doc.to_json()?,
        Syntax::Yaml => doc.to_yaml()?,
        Syntax::JsonLine => doc.to_json_line()?,
    };
    Ok(Converted {
        metrics: doc.metrics.len(),
        written: None,
        text: Some(text),
    })
}

/// Writes a converted document to `path`, whole or not at all.
fn write_out(converted: Converted, path: &Path) -> Result<Converted> {
    let write_error = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(write_error)?;
    }
    let mut bytes = converted.text.unwrap_or_default().into_bytes();
    if bytes.last() != Some(&b'\n') {
        bytes.push(b'\n');
    }
    crate::output::write_unsynced(path, &bytes).map_err(write_error)?;
    Ok(Converted {
        metrics: converted.metrics,
        written: Some(path.to_path_buf()),
        text: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_keep_relative_paths_and_never_collide() {
        let job = |p: &str| Job {
            input: PathBuf::from(p),
            relative: PathBuf::from(p),
        };
        let jobs = [job("a.txt"), job("sub/b.pdf"), job("a.docx")];
        let out = output_paths(&jobs, Path::new("out"), Syntax::Json);
        assert_eq!(
            out,
            [
                PathBuf::from("out/a.json"),
                PathBuf::from("out/sub/b.json"),
                PathBuf::from("out/a.docx.json")
            ]
        );
    }

    #[test]
    fn results_come_back_in_input_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for k in 0..40 {
            let p = dir.path().join(format!("r{k:02}.txt"));
            // every fifth file is empty and fails
            let body = if k % 5 == 0 {
                String::new()
            } else {
                format!("全县卫生院{k}家。\n")
            };
            std::fs::write(&p, body).unwrap();
            paths.push(p);
        }
        let jobs = inputs(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(jobs.len(), 40);
        let options = Options {
            threads: 4,
            convert: crate::Options {
                limits: crate::Limits { max_bytes: 1 << 20 },
                ..crate::Options::default()
            },
            syntax: Syntax::JsonLine,
            out_dir: None,
        };
        let mut seen = Vec::new();
        run(&jobs, &options, |k, r| {
            seen.push((k, r.is_ok()));
            if let Ok(c) = r {
                let line = c.text.unwrap();
                assert!(!line.contains('\n'));
                assert!(line.contains(&format!("\"value\":{k}")));
            }
        })
        .unwrap();
        let expected: Vec<_> = (0..40).map(|k| (k, k % 5 != 0)).collect();
        assert_eq!(seen, expected);
    }
}
