//! Idempotency keys for the calls that create orders or move money: a random UUID v4 from the
//! browser's cryptographic random source.

use paylater_core::api::IdempotencyKey;

/// A new random key such as `3f1c9a2e-8d4b-4c6f-9a1e-2b7d5c8e0f13`.
pub fn new_key() -> IdempotencyKey {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // No Web Crypto (very old browsers): fall back to Math.random, still unique enough to
        // tell one attempt from another; the server refuses a reused key with another body.
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    format_uuid(bytes).into()
}

/// Formats 16 random bytes as a version 4 UUID.
pub fn format_uuid(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

#[cfg(test)]
mod tests {
    #[test]
    fn uuid_v4_shape() {
        let id = super::format_uuid([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(super::format_uuid([0; 16]), "00000000-0000-4000-8000-000000000000");
    }
}
