//! The per-key sliding one-minute window.
//!
//! 2Chat documents no rate-limit headers and no `Retry-After`; the mock sends `Retry-After` anyway
//! (whole seconds until a slot frees) so the SDK's "honour Retry-After" path can be exercised.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// The window length.
pub const WINDOW: Duration = Duration::from_secs(60);

/// Admitted requests of the last minute.
#[derive(Debug, Default)]
pub struct RateWindow {
    admitted: VecDeque<Instant>,
}

impl RateWindow {
    /// Admits a request at `now` if fewer than `limit` were admitted in the minute before it;
    /// otherwise returns the whole seconds (at least 1) until the oldest one leaves the window.
    pub fn admit(&mut self, limit: u32, now: Instant) -> Result<(), u64> {
        while let Some(&oldest) = self.admitted.front() {
            if now.duration_since(oldest) >= WINDOW {
                self.admitted.pop_front();
            } else {
                break;
            }
        }
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        if self.admitted.len() < limit {
            self.admitted.push_back(now);
            return Ok(());
        }
        let wait = match self.admitted.front() {
            Some(&oldest) => WINDOW.saturating_sub(now.duration_since(oldest)),
            None => WINDOW,
        };
        let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        Err(secs.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slides() {
        let mut w = RateWindow::default();
        let t0 = Instant::now();
        assert!(w.admit(2, t0).is_ok());
        assert!(w.admit(2, t0 + Duration::from_secs(10)).is_ok());
        assert_eq!(w.admit(2, t0 + Duration::from_millis(20_500)), Err(40));
        assert!(w.admit(2, t0 + Duration::from_secs(60)).is_ok());
        assert_eq!(w.admit(2, t0 + Duration::from_secs(60)), Err(10));
        assert_eq!(w.admit(0, t0), Err(60));
    }
}
