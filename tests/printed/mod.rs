//! Documents judged as printed: an xlsx through LibreOffice headless (or an
//! HTML page through headless Chromium) to PDF, then `pdfinfo` for the pages
//! and their size and `pdftotext -layout` for the text where it stands.
//! Each page is also kept as a PNG under `target/printed/` for a person to
//! look at beside the official form; nothing is written into the repository.
//!
//! Where a tool is missing the render is skipped with a visible line, so a
//! machine without LibreOffice still runs the rest of the suite (`.ci/run`
//! installs them).

#![allow(dead_code)] // each test binary uses part of this

pub(crate) mod workbook;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A rendered document.
pub(crate) struct Printed {
    pub pdf: PathBuf,
    pub pages: usize,
    /// Page size in points (A4 portrait is about 595 × 842).
    pub size: (f64, f64),
    /// `pdftotext -layout`: pages separated by form feeds.
    pub text: String,
    /// The kept PNG of each page.
    pub pngs: Vec<PathBuf>,
}

impl Printed {
    /// A4 portrait within a point.
    pub(crate) fn is_a4_portrait(&self) -> bool {
        (self.size.0 - 595.0).abs() < 2.0 && (self.size.1 - 842.0).abs() < 2.0
    }

    /// The text of page `n` (1-based).
    pub(crate) fn page(&self, n: usize) -> &str {
        self.text.split('\u{c}').nth(n - 1).unwrap_or("")
    }

    /// The printed line that holds `needle`, if any.
    pub(crate) fn line_with(&self, needle: &str) -> Option<&str> {
        self.text.lines().find(|l| l.contains(needle))
    }

    /// Whether some printed line holds both the label and the value, the
    /// label first: the value is beside its label, not somewhere else.
    pub(crate) fn beside(&self, label: &str, value: &str) -> bool {
        self.text.lines().any(|l| {
            l.find(label)
                .is_some_and(|i| l[i + label.len()..].contains(value))
        })
    }

    /// All printed text with layout spaces and line breaks removed, for
    /// checking that a long text wrapped over several lines is all there.
    pub(crate) fn squeezed(&self) -> String {
        self.text.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// The text of page `n` between `from` and `to` (fractions of the page
    /// width, left to right), squeezed like `squeezed`: one column of a
    /// form whose columns stand side by side, read top to bottom.
    pub(crate) fn column(&self, n: usize, from: f64, to: f64) -> String {
        let (x, w) = (self.size.0 * from, self.size.0 * (to - from));
        let out = Command::new("pdftotext")
            .args(["-layout", "-f", &n.to_string(), "-l", &n.to_string()])
            .args(["-x", &format!("{}", x.floor()), "-y", "0"])
            .args(["-W", &format!("{}", w.ceil()), "-H"])
            .arg(format!("{}", self.size.1.ceil()))
            .arg(&self.pdf)
            .arg("-")
            .output()
            .expect("pdftotext");
        String::from_utf8_lossy(&out.stdout)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    }
}

/// Says so where the person running the tests sees it: straight to the
/// process's stderr, which the test harness does not capture.
fn skipped(name: &str, tool: &str) {
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED printing {name}: {tool} not installed"
    );
}

/// `v` as `squeezed` prints it: no spaces or line breaks.
pub(crate) fn whole(v: &str) -> String {
    v.chars().filter(|c| !c.is_whitespace()).collect()
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|t| have(t))
}

/// Where PNGs are kept: `target/printed/<name>/`.
fn keep_dir(name: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("printed").join(name)
}

/// Renders `doc` (.xlsx or .html) to PDF and reads it back; `None` (with a
/// line saying why) when the tools are not installed. `name` names the kept
/// PNGs.
pub(crate) fn render(doc: &Path, name: &str) -> Option<Printed> {
    let html = doc.extension().is_some_and(|e| e == "html");
    if !have("pdfinfo") || !have("pdftotext") {
        skipped(name, "poppler-utils (pdfinfo, pdftotext)");
        return None;
    }
    let work = tempfile::tempdir().expect("tempdir");
    let pdf = if html {
        let Some(browser) = chromium() else {
            skipped(name, "chromium");
            return None;
        };
        let pdf = work.path().join("out.pdf");
        let profile = work.path().join("profile");
        let out = Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!(
                "file://{}",
                doc.canonicalize().expect("doc path").display()
            ))
            .output()
            .expect("run chromium");
        assert!(
            pdf.exists(),
            "chromium made no PDF: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        pdf
    } else {
        if !have("soffice") {
            skipped(name, "LibreOffice (soffice)");
            return None;
        }
        // A profile of its own, so renders running at once do not share one.
        let profile = work.path().join("lo-profile");
        let out = Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(work.path())
            .arg(doc)
            .output()
            .expect("run soffice");
        let stem = doc
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let pdf = work.path().join(format!("{stem}.pdf"));
        assert!(
            pdf.exists(),
            "LibreOffice made no PDF: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        pdf
    };

    let info = Command::new("pdfinfo").arg(&pdf).output().expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let field = |key: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(key))
            .map(str::trim)
            .unwrap_or("")
            .to_owned()
    };
    let pages: usize = field("Pages:").parse().expect("page count");
    // "Page size:      595.304 x 841.89 pts (A4)"
    let size = field("Page size:");
    let mut nums = size
        .split_whitespace()
        .filter_map(|w| w.parse::<f64>().ok());
    let size = (nums.next().unwrap_or(0.0), nums.next().unwrap_or(0.0));
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout).into_owned();

    let keep = keep_dir(name);
    let _ = std::fs::remove_dir_all(&keep);
    std::fs::create_dir_all(&keep).expect("make target/printed");
    let kept_pdf = keep.join(format!("{name}.pdf"));
    std::fs::copy(&pdf, &kept_pdf).expect("keep pdf");
    let mut pngs = Vec::new();
    if have("pdftoppm") {
        let _ = Command::new("pdftoppm")
            .args(["-png", "-r", "80"])
            .arg(&kept_pdf)
            .arg(keep.join("page"))
            .output();
        if let Ok(rd) = std::fs::read_dir(&keep) {
            pngs = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "png"))
                .collect();
            pngs.sort();
        }
    }
    Some(Printed {
        pdf: kept_pdf,
        pages,
        size,
        text,
        pngs,
    })
}
