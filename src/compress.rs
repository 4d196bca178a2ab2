//! Bytes made smaller for a static host, which publishes (and GitHub Pages
//! counts against its size limit) what is on disk: gzip, which the theme's
//! scripts inflate with the browser's `DecompressionStream`, and base64, to
//! carry bytes in JSON or a page.

use std::io::Write as _;

/// `bytes` gzip-compressed (no name, no time: the same bytes every build).
pub fn gzip(bytes: &[u8], level: flate2::Compression) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 3), level);
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// Standard base64 with padding, as the browser's `atob` reads it.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(&[0xff, 0xfe]), "//4=");
    }

    #[test]
    fn gzip_inflates_to_its_input_and_is_the_same_every_time() {
        use std::io::Read as _;
        let text = "the same bytes every build ".repeat(50);
        let packed = gzip(text.as_bytes(), flate2::Compression::fast());
        assert_eq!(packed, gzip(text.as_bytes(), flate2::Compression::fast()));
        let mut inflated = String::new();
        flate2::read::GzDecoder::new(&packed[..])
            .read_to_string(&mut inflated)
            .unwrap();
        assert_eq!(inflated, text);
    }
}
