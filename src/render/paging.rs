//! Long lists cut into pages of `page_size` (site.toml): the documents table
//! and each leader's and tag's list. Page 1 is the list's own address
//! (`documents/`), page N is `documents/page/N/`, so every page is a plain
//! static file that works without JavaScript and from any host, and the
//! bytes of one page stay bounded whatever the library's size.

use std::ops::Range;

use serde::Serialize;

/// A list of `total` items at `path` (output folder, e.g. `documents/`) and
/// `url` (its address, e.g. `/prfaqs/documents/`), cut into pages of `size`.
pub(super) struct Paged<'a> {
    pub path: &'a str,
    pub url: &'a str,
    pub size: usize,
    pub total: usize,
}

/// `pager` of a list page: where this page sits in the list and links to the others.
#[derive(Serialize)]
pub struct Pager {
    /// This page's number, from 1.
    pub number: usize,
    pub pages: usize,
    /// Items per page, and in the whole list.
    pub size: usize,
    pub total: usize,
    /// Positions (from 1) of the first and last item on this page; 0 for an empty list.
    pub first: usize,
    pub last: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The first and last pages and those near this one, with gaps between.
    pub links: Vec<PageLink>,
}

/// One entry of the pager: a page's link, or a gap (`number` is `None`).
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct PageLink {
    pub number: Option<usize>,
    pub url: String,
    pub current: bool,
}

/// Pages each side of the current one that the pager links to.
const NEAR: usize = 2;

impl Paged<'_> {
    /// How many pages: at least one, so an empty list still has its page.
    pub fn pages(&self) -> usize {
        self.total.div_ceil(self.size).max(1)
    }

    /// Positions (from 0) of the items on page `number`.
    pub fn range(&self, number: usize) -> Range<usize> {
        let start = ((number - 1) * self.size).min(self.total);
        start..(start + self.size).min(self.total)
    }

    /// The output file of page `number`.
    pub fn file(&self, number: usize) -> String {
        match number {
            1 => format!("{}index.html", self.path),
            n => format!("{}page/{n}/index.html", self.path),
        }
    }

    /// The address of page `number`.
    pub fn url(&self, number: usize) -> String {
        match number {
            1 => self.url.to_owned(),
            n => format!("{}page/{n}/", self.url),
        }
    }

    pub fn pager(&self, number: usize) -> Pager {
        let pages = self.pages();
        let range = self.range(number);
        Pager {
            number,
            pages,
            size: self.size,
            total: self.total,
            first: if range.is_empty() { 0 } else { range.start + 1 },
            last: range.end,
            prev: (number > 1).then(|| self.url(number - 1)),
            next: (number < pages).then(|| self.url(number + 1)),
            links: self.links(number),
        }
    }

    fn links(&self, number: usize) -> Vec<PageLink> {
        let pages = self.pages();
        let mut links = Vec::new();
        let mut previous = 0;
        for n in 1..=pages {
            let near = n.abs_diff(number) <= NEAR;
            if n != 1 && n != pages && !near {
                continue;
            }
            if n > previous + 1 {
                links.push(PageLink {
                    number: None,
                    url: String::new(),
                    current: false,
                });
            }
            links.push(PageLink {
                number: Some(n),
                url: self.url(n),
                current: n == number,
            });
            previous = n;
        }
        links
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paged(total: usize) -> Paged<'static> {
        Paged {
            path: "documents/",
            url: "/documents/",
            size: 10,
            total,
        }
    }

    fn numbers(pager: &Pager) -> Vec<Option<usize>> {
        pager.links.iter().map(|l| l.number).collect()
    }

    #[test]
    fn an_empty_list_has_one_empty_page() {
        let list = paged(0);
        assert_eq!(list.pages(), 1);
        assert_eq!(list.range(1), 0..0);
        let pager = list.pager(1);
        assert_eq!((pager.first, pager.last), (0, 0));
        assert_eq!((pager.prev, pager.next), (None, None));
    }

    #[test]
    fn pages_cover_every_item_once() {
        let list = paged(25);
        assert_eq!(list.pages(), 3);
        assert_eq!(
            (1..=3).map(|n| list.range(n)).collect::<Vec<_>>(),
            [0..10, 10..20, 20..25]
        );
        let last = list.pager(3);
        assert_eq!((last.first, last.last), (21, 25));
        assert_eq!(last.prev.as_deref(), Some("/documents/page/2/"));
        assert_eq!(last.next, None);
        assert_eq!(list.file(1), "documents/index.html");
        assert_eq!(list.file(2), "documents/page/2/index.html");
        assert_eq!(list.pager(2).prev.as_deref(), Some("/documents/"));
    }

    #[test]
    fn the_pager_links_the_ends_and_the_near_pages_with_gaps() {
        let list = paged(1000);
        assert_eq!(
            numbers(&list.pager(50)),
            [
                Some(1),
                None,
                Some(48),
                Some(49),
                Some(50),
                Some(51),
                Some(52),
                None,
                Some(100)
            ]
        );
        assert_eq!(
            numbers(&list.pager(1)),
            [Some(1), Some(2), Some(3), None, Some(100)]
        );
        assert_eq!(
            numbers(&list.pager(4)),
            [
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                None,
                Some(100)
            ]
        );
        assert!(list.pager(50).links[4].current);
    }
}
