//! The session report as pictures: `data` gathers what to show, `svg`
//! draws each chart, `html` puts them on one self-contained page.

pub mod data;
pub mod html;
pub mod svg;
