//! The fill-in workbook (placeholder replaced below).
