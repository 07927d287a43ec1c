//! Client-side pacing (`requestsPerMinute`): spreads calls evenly so a burst stays inside 2Chat's
//! per-minute limit instead of collecting 429s. Trial accounts get 10 requests a minute.

/// Hands out evenly spaced send times.
#[derive(Clone, Debug, PartialEq)]
pub struct Pacer {
    interval_ms: f64,
    next_at: f64,
}

impl Pacer {
    /// A pacer for `per_minute` requests a minute. The interval is rounded up and given 1 ms of
    /// slack, so no 60-second window ever holds more than `per_minute` sends.
    pub fn new(per_minute: u32) -> Pacer {
        let interval_ms = (60_000.0 / f64::from(per_minute.max(1))).ceil() + 1.0;
        Pacer { interval_ms, next_at: f64::NEG_INFINITY }
    }

    /// Reserves the next send slot at or after `now` and returns how long to wait for it.
    pub fn reserve(&mut self, now: f64) -> f64 {
        let at = self.next_at.max(now);
        self.next_at = at + self.interval_ms;
        at - now
    }

    /// Milliseconds between sends.
    pub fn interval_ms(&self) -> f64 {
        self.interval_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_spread_evenly() {
        let mut p = Pacer::new(60);
        assert_eq!(p.interval_ms(), 1001.0);
        let waits: Vec<f64> = (0..4).map(|_| p.reserve(0.0)).collect();
        assert_eq!(waits, vec![0.0, 1001.0, 2002.0, 3003.0]);
    }

    #[test]
    fn idle_time_is_not_banked() {
        let mut p = Pacer::new(600);
        assert_eq!(p.reserve(0.0), 0.0);
        assert_eq!(p.reserve(10_000.0), 0.0, "a quiet period does not allow a later burst");
        assert_eq!(p.reserve(10_000.0), 101.0);
    }

    #[test]
    fn no_window_of_a_minute_exceeds_the_limit() {
        let mut p = Pacer::new(10);
        let times: Vec<f64> = (0..25).map(|_| p.reserve(0.0)).collect();
        for (i, t) in times.iter().enumerate() {
            let in_window = times.iter().skip(i).take_while(|u| **u - t < 60_000.0).count();
            assert!(in_window <= 10, "{in_window} sends within a minute of {t}");
        }
    }
}
