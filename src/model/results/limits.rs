//! How much the results section reads, and why. Past these the page would
//! block (a 10 MB paste took 8.6 s to parse and 1.7 s per edit; 20,000 arms
//! made 40,000 `<option>`s) and no real ladder needs more. A file over its
//! size limit is refused unread, as a [`TooLarge`].

/// Largest pasted or dropped text, in bytes (UTF-8). 100,000 runs of a
/// long-form table are about 2 MB at 20 bytes a line; a bigger file is not a
/// ladder's results (a log, an image, a spreadsheet's binary form), so it is
/// refused before it is read, in well under a second.
pub const MAX_TEXT_BYTES: usize = 2_000_000;

/// Most runs (rows of the long form; cells of the wide form): 50 rungs × 20
/// arms × 100 seeds. The analysis of this many takes a few milliseconds natively.
pub const MAX_ROWS: usize = 100_000;

/// Most rungs (distinct sizes). A ladder spans a few orders of magnitude in a
/// handful of rungs (the plan proposes 2 to 8); 50 leaves room for dense
/// sweeps while the table and charts stay readable.
pub const MAX_RUNGS: usize = 50;

/// Most arms. Each is a choice in two menus; a study compares a handful of
/// methods and ablations, 20 is several times that.
pub const MAX_ARMS: usize = 20;

/// Bad lines listed by number; the rest are counted ("and 1,234 more").
pub const MAX_LISTED_BAD_LINES: usize = 20;

/// Characters of a cell quoted back in a message ("…" after them).
pub const MAX_QUOTED_CHARS: usize = 40;

/// Largest |value| of a metric. Far beyond any loss, accuracy or return, and
/// small enough that squares in variances (1e200) summed over every run stay
/// finite, so no interval becomes ∞ or NaN.
pub const MAX_ABS_VALUE: f64 = 1e100;

/// Largest rung size: beyond any parameter or token count (10³⁰), and ten
/// times it (the default next rung) is still finite.
pub const MAX_SCALE: f64 = 1e30;

/// Smallest rung size: sizes are counts, so below this is a mistake, and its
/// log10 stays far from −∞.
pub const MIN_SCALE: f64 = 1e-30;

/// Tasks aggregated by the interquartile mean: Atari's 57 games are the
/// largest common suite (Bellemare et al. 2013); 100 leaves room.
pub const MAX_TASKS: usize = 100;

/// Most columns a header may have: 256 is the width of a pre-2007 Excel sheet,
/// far past the 4 key columns and [`MAX_ARMS`] arm columns results need, and
/// it leaves room for a spreadsheet's empty trailing columns. A wider header
/// (the 1.9 MB one) is refused before any column is compared.
pub const MAX_COLUMNS: usize = 256;

/// Longest line, in bytes: 256 columns of 32 bytes. Results lines are tens of
/// bytes; a longer one is a log or a mistake, and is named without being read.
pub const MAX_LINE_BYTES: usize = 8_192;

/// Arm names a note lists ("… and 43,990 more"): a note on 44,000 renamed
/// arms once printed 3.3 MB on the page.
pub const MAX_LISTED_NAMES: usize = 5;

/// A file refused for its size before it is read, with its size in bytes:
/// pasted or dropped results (over [`MAX_TEXT_BYTES`]) or a saved plan
/// (over `saved::MAX_SAVED_BYTES`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TooLarge {
    Results { bytes: f64 },
    SavedPlan { bytes: f64 },
}
