//! The archive on disk: a ZIP (deflate) written entry by entry. Each kind of record becomes
//! `json/<name>.json` (an array of objects, values as stored: lossless, never escaped) and
//! `csv/<name>.csv` (a header, then one row per record, text cells formula-escaped by
//! `domain::csv_cells`). Rows arrive a batch at a time and go straight to disk: the JSON into the
//! ZIP entry, the CSV into a side file that is copied into the ZIP when the kind is complete, so
//! memory does not grow with the data. Blocking I/O: the caller runs it off the async runtime.

use crate::domain::csv_cells::{self, CsvCell};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// One value of a record, typed as the database returned it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Null,
    Bool(bool),
    Integer(i64),
    Decimal(f64),
    Text(String),
    /// Bytes (none of today's exported columns): base64 in both files.
    Bytes(Vec<u8>),
}

impl Cell {
    /// The value as JSON text.
    fn write_json(&self, out: &mut impl Write) -> io::Result<()> {
        match self {
            Cell::Null => out.write_all(b"null"),
            Cell::Bool(b) => out.write_all(if *b { b"true" } else { b"false" }),
            Cell::Integer(n) => write!(out, "{n}"),
            Cell::Decimal(x) if x.is_finite() => serde_json::to_writer(out, x).map_err(io::Error::other),
            Cell::Decimal(_) => out.write_all(b"null"),
            Cell::Text(text) => serde_json::to_writer(out, text).map_err(io::Error::other),
            Cell::Bytes(bytes) => serde_json::to_writer(out, &base64_of(bytes)).map_err(io::Error::other),
        }
    }
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The CSV cell of a value: numbers stay numbers, text is escaped.
fn csv_cell<'a>(cell: &'a Cell, scratch: &'a mut String) -> CsvCell<'a> {
    match cell {
        Cell::Null => CsvCell::Empty,
        Cell::Bool(b) => CsvCell::Integer(i64::from(*b)),
        Cell::Integer(n) => CsvCell::Integer(*n),
        Cell::Decimal(x) => CsvCell::Decimal(*x),
        Cell::Text(text) => CsvCell::Text(text),
        Cell::Bytes(bytes) => {
            *scratch = base64_of(bytes);
            CsvCell::Text(scratch)
        }
    }
}

/// The kind being written: its columns, the CSV side file, and whether a JSON row was written.
struct OpenPart {
    name: String,
    columns: Vec<String>,
    csv: csv::Writer<BufWriter<File>>,
    rows: u64,
}

/// Where an archive is built: the ZIP (moved to its final name by the caller once the archive is
/// known to be wanted) and the CSV side file of the kind being written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkFiles {
    pub zip: PathBuf,
    pub csv: PathBuf,
}

impl WorkFiles {
    /// Removes what an unfinished archive left; missing files are fine.
    pub fn discard(&self) {
        for leftover in [&self.zip, &self.csv] {
            if let Err(error) = std::fs::remove_file(leftover) {
                if error.kind() != io::ErrorKind::NotFound {
                    tracing::warn!(file = %leftover.display(), "could not remove an unfinished export file: {error}");
                }
            }
        }
    }
}

/// A ZIP being written to its work files.
pub struct ArchiveWriter {
    zip: ZipWriter<BufWriter<File>>,
    csv_path: PathBuf,
    options: SimpleFileOptions,
    open: Option<OpenPart>,
}

/// The ZIP timestamp for unix milliseconds (UTC); the format starts in 1980.
pub fn zip_time(unix_ms: i64) -> DateTime {
    let secs = unix_ms.div_euclid(1000);
    let (year, month, day) = crate::domain::dates::civil_from_days(secs.div_euclid(86_400));
    let of_day = secs.rem_euclid(86_400);
    let small = |n: i64| u8::try_from(n).unwrap_or(0);
    u16::try_from(year)
        .ok()
        .and_then(|year| {
            DateTime::from_date_and_time(year, small(month.into()), small(day.into()), small(of_day / 3600), small(of_day % 3600 / 60), small(of_day % 60)).ok()
        })
        .unwrap_or_default()
}

impl ArchiveWriter {
    /// Starts a new archive in `files` (whatever they held is overwritten). `large` marks entries
    /// as ZIP64 so that one may exceed 4 GiB (a whole workspace).
    pub fn create(files: &WorkFiles, now_ms: i64, large: bool) -> io::Result<Self> {
        if let Some(dir) = files.zip.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let file = File::create(&files.zip)?;
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(zip_time(now_ms))
            .unix_permissions(0o600)
            .large_file(large);
        Ok(ArchiveWriter { zip: ZipWriter::new(BufWriter::new(file)), csv_path: files.csv.clone(), options, open: None })
    }

    /// Adds a whole small file (the README, a picture).
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) -> io::Result<()> {
        self.zip.start_file(name, self.options.large_file(false)).map_err(io::Error::other)?;
        self.zip.write_all(bytes)
    }

    /// Starts the files of one kind of record with its column names.
    pub fn begin_part(&mut self, name: &str, columns: Vec<String>) -> io::Result<()> {
        if self.open.is_some() {
            return Err(io::Error::other("a part is already open"));
        }
        let mut csv = csv::Writer::from_writer(BufWriter::new(File::create(&self.csv_path)?));
        csv_cells::write_header(&mut csv, &columns).map_err(io::Error::other)?;
        self.zip.start_file(format!("json/{name}.json"), self.options).map_err(io::Error::other)?;
        self.zip.write_all(b"[")?;
        self.open = Some(OpenPart { name: name.to_owned(), columns, csv, rows: 0 });
        Ok(())
    }

    /// Writes records of the open kind (cells in column order).
    pub fn write_rows(&mut self, rows: &[Vec<Cell>]) -> io::Result<()> {
        let part = self.open.as_mut().ok_or_else(|| io::Error::other("no part is open"))?;
        let mut scratch = String::new();
        for row in rows {
            if row.len() != part.columns.len() {
                return Err(io::Error::other(format!("{} values for {} columns in {}", row.len(), part.columns.len(), part.name)));
            }
            self.zip.write_all(if part.rows == 0 { b"\n{" } else { b",\n{" })?;
            for (i, (column, cell)) in part.columns.iter().zip(row).enumerate() {
                if i > 0 {
                    self.zip.write_all(b",")?;
                }
                serde_json::to_writer(&mut self.zip, column).map_err(io::Error::other)?;
                self.zip.write_all(b":")?;
                cell.write_json(&mut self.zip)?;
            }
            self.zip.write_all(b"}")?;
            for cell in row {
                let cell = csv_cell(cell, &mut scratch);
                part.csv.write_field(cell.rendered().as_bytes()).map_err(io::Error::other)?;
            }
            part.csv.write_record(None::<&[u8]>).map_err(io::Error::other)?;
            part.rows += 1;
        }
        Ok(())
    }

    /// Closes the JSON array and copies the CSV side file into `csv/<name>.csv`.
    pub fn end_part(&mut self) -> io::Result<()> {
        let part = self.open.take().ok_or_else(|| io::Error::other("no part is open"))?;
        self.zip.write_all(if part.rows == 0 { b"]\n" } else { b"\n]\n" })?;
        let mut side = part.csv.into_inner().map_err(|e| io::Error::other(e.to_string()))?;
        side.flush()?;
        drop(side);
        self.zip.start_file(format!("csv/{}.csv", part.name), self.options).map_err(io::Error::other)?;
        io::copy(&mut File::open(&self.csv_path)?, &mut self.zip)?;
        std::fs::remove_file(&self.csv_path)?;
        Ok(())
    }

    /// Writes the ZIP's directory and syncs the file to disk; returns its size.
    pub fn finish(mut self) -> io::Result<u64> {
        if self.open.is_some() {
            self.end_part()?;
        }
        let buffered = self.zip.finish().map_err(io::Error::other)?;
        let file = buffered.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        Ok(file.metadata()?.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::path::Path;

    fn entry(archive: &mut zip::ZipArchive<File>, name: &str) -> String {
        let mut text = String::new();
        archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        text
    }

    fn work_files(dir: &Path) -> WorkFiles {
        WorkFiles { zip: dir.join("a.zip.part"), csv: dir.join("a.csv.part") }
    }

    #[test]
    fn kinds_become_a_json_array_and_an_escaped_csv() {
        let dir = std::env::temp_dir().join(format!("nexacrm-archive-{}", uuid::Uuid::now_v7().simple()));
        let files = work_files(&dir);
        let mut writer = ArchiveWriter::create(&files, 1_795_737_600_000, false).unwrap();
        writer.add_file("README.txt", b"hello").unwrap();
        writer.begin_part("contacts", vec!["name".into(), "amount".into(), "note".into()]).unwrap();
        writer.write_rows(&[vec![Cell::Text("=1+2".into()), Cell::Integer(-3), Cell::Null]]).unwrap();
        writer.write_rows(&[vec![Cell::Text("Ada \"AL\"".into()), Cell::Decimal(1.5), Cell::Text("x".into())]]).unwrap();
        writer.end_part().unwrap();
        writer.begin_part("empty", vec!["id".into()]).unwrap();
        writer.end_part().unwrap();
        let size = writer.finish().unwrap();
        assert!(!files.csv.exists(), "the CSV side file is gone once copied");
        assert_eq!(std::fs::metadata(&files.zip).unwrap().len(), size);

        let mut archive = zip::ZipArchive::new(File::open(&files.zip).unwrap()).unwrap();
        let json: serde_json::Value = serde_json::from_str(&entry(&mut archive, "json/contacts.json")).unwrap();
        assert_eq!(json, serde_json::json!([{"name": "=1+2", "amount": -3, "note": null}, {"name": "Ada \"AL\"", "amount": 1.5, "note": "x"}]));
        assert_eq!(entry(&mut archive, "csv/contacts.csv"), "name,amount,note\n'=1+2,-3,\n\"Ada \"\"AL\"\"\",1.5,x\n");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&entry(&mut archive, "json/empty.json")).unwrap(), serde_json::json!([]));
        assert_eq!(entry(&mut archive, "csv/empty.csv"), "id\n");
        assert_eq!(entry(&mut archive, "README.txt"), "hello");
        let modified = archive.by_name("README.txt").unwrap().last_modified().unwrap();
        assert_eq!((modified.year(), modified.month(), modified.day()), (2026, 11, 27));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_row_with_the_wrong_number_of_values_is_an_error_and_discarding_removes_the_work_files() {
        let dir = std::env::temp_dir().join(format!("nexacrm-archive-{}", uuid::Uuid::now_v7().simple()));
        let files = work_files(&dir);
        let mut writer = ArchiveWriter::create(&files, 0, false).unwrap();
        writer.begin_part("x", vec!["a".into()]).unwrap();
        assert!(writer.write_rows(&[vec![]]).is_err());
        drop(writer);
        assert!(files.zip.exists() && files.csv.exists());
        files.discard();
        assert!(!files.zip.exists() && !files.csv.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
