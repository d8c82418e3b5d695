//! CSV cells that a spreadsheet cannot mistake for a formula.
