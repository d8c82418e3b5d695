//! CSV cells that a spreadsheet cannot mistake for a formula.
//!
//! A text cell that starts with `=`, `+`, `-`, `@`, a tab, a carriage return or a line feed is
//! read as a formula (or a command) by Excel, LibreOffice and Google Sheets, so every CSV file
//! NexaCRM writes puts a `'` before such text (OWASP's advice for CSV injection). Numbers stay
//! numbers: `-5` written as a number is not escaped; the same characters stored as text are.
//! JSON is never escaped this way — it stays raw.
//!
//! [`escape_text`] works on one `&str`; with the `ssr` feature, [`write_record`] writes a whole
//! row through the `csv` crate (which adds the quoting CSV itself needs).

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula.
pub const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// Whether `text` would be read as a formula if written as it is.
pub fn needs_escape(text: &str) -> bool {
    text.starts_with(FORMULA_STARTS)
}

/// `text` as a CSV text cell: with a leading `'` when it starts like a formula, else unchanged
/// (and not copied).
pub fn escape_text(text: &str) -> Cow<'_, str> {
    if needs_escape(text) { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) }
}

/// One cell of a CSV row, typed so that only text is escaped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CsvCell<'a> {
    /// No value (SQL null): an empty cell.
    Empty,
    /// Text: escaped when it starts like a formula.
    Text(&'a str),
    /// A whole number, written as it is (a negative number keeps its sign, unescaped).
    Integer(i64),
    /// A decimal number, written as it is.
    Decimal(f64),
}

impl CsvCell<'_> {
    /// The cell's text as it goes into the file (before CSV quoting).
    pub fn rendered(&self) -> Cow<'_, str> {
        match self {
            CsvCell::Empty => Cow::Borrowed(""),
            CsvCell::Text(text) => escape_text(text),
            CsvCell::Integer(n) => Cow::Owned(n.to_string()),
            CsvCell::Decimal(x) => Cow::Owned(x.to_string()),
        }
    }
}

/// Writes one row of typed cells through a `csv::Writer`, escaping the text cells.
#[cfg(feature = "ssr")]
pub fn write_record<'a, W: std::io::Write>(writer: &mut csv::Writer<W>, cells: impl IntoIterator<Item = CsvCell<'a>>) -> csv::Result<()> {
    for cell in cells {
        writer.write_field(cell.rendered().as_bytes())?;
    }
    writer.write_record(None::<&[u8]>)
}

/// Writes a header row (column names are ours, but escaped all the same).
#[cfg(feature = "ssr")]
pub fn write_header<W: std::io::Write, S: AsRef<str>>(writer: &mut csv::Writer<W>, names: &[S]) -> csv::Result<()> {
    write_record(writer, names.iter().map(|name| CsvCell::Text(name.as_ref())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_get_a_leading_apostrophe() {
        assert_eq!(escape_text("=1+2"), "'=1+2");
        assert_eq!(escape_text("+SUM(A1)"), "'+SUM(A1)");
        assert_eq!(escape_text("-2+3"), "'-2+3");
        assert_eq!(escape_text("@cmd"), "'@cmd");
    }

    #[test]
    fn tab_carriage_return_and_line_feed_starts_are_escaped() {
        assert_eq!(escape_text("\tcalc"), "'\tcalc");
        assert_eq!(escape_text("\rcalc"), "'\rcalc");
        assert_eq!(escape_text("\ncalc"), "'\ncalc");
    }

    #[test]
    fn plain_text_and_numbers_are_left_alone() {
        assert!(matches!(escape_text("Ada Lovelace"), Cow::Borrowed("Ada Lovelace")));
        assert_eq!(escape_text("a=1"), "a=1");
        assert_eq!(escape_text(""), "");
        assert_eq!(CsvCell::Integer(-5).rendered(), "-5");
        assert_eq!(CsvCell::Integer(1_795_737_600_000).rendered(), "1795737600000");
        assert_eq!(CsvCell::Decimal(-2.5).rendered(), "-2.5");
        assert_eq!(CsvCell::Empty.rendered(), "");
        assert_eq!(CsvCell::Text("-5").rendered(), "'-5", "text that looks like a number is still text");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn records_are_escaped_then_quoted_by_the_csv_writer() {
        let mut writer = csv::Writer::from_writer(Vec::new());
        write_header(&mut writer, &["name", "amount"]).unwrap();
        write_record(&mut writer, [CsvCell::Text("=HYPERLINK(\"x\")"), CsvCell::Integer(-7)]).unwrap();
        write_record(&mut writer, [CsvCell::Text("Plain, with comma"), CsvCell::Empty]).unwrap();
        write_record(&mut writer, [CsvCell::Text("\nline"), CsvCell::Decimal(1.5)]).unwrap();
        let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        assert_eq!(text, "name,amount\n\"'=HYPERLINK(\"\"x\"\")\",-7\n\"Plain, with comma\",\n\"'\nline\",1.5\n");
    }
}
