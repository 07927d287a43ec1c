//! A Rust type for every request and response type of the API, with the names of the TypeScript
//! declarations (`SendMessageParams`, `AccountInfo`, `Message`…), generated from the endpoint
//! declarations.
//!
//! - Field names are 2Chat's own snake_case, so a value can be built from the JSON of 2Chat's
//!   docs: `serde_json::from_value::<SendMessageParams>(json!({ "from_number": "+595981048477",
//!   "to_number": "+5215512345432", "text": "hi" }))`.
//! - Every struct keeps the fields it does not declare in `extra`: a response serialises back to
//!   what 2Chat sent, and params can carry an option 2Chat adds before this crate knows it.
//! - Optional fields are `Option`s that read `null` as `None`. A response missing a required field,
//!   or with `null` in it, reads it as its empty value (`""`, `0`, `false`, `[]`, `Other("")`):
//!   a call that succeeded never becomes an error because of the shape of its answer.
//! - A set of strings is an enum that also holds a value this version does not know
//!   ([`ConnectionStatus::Other`]), so a new value from 2Chat is never a decoding error.
//!
//! ```
//! use twochat::types::{SendMessageParams, ConnectionStatus, ConnectedNumber};
//!
//! let params: SendMessageParams = serde_json::from_value(serde_json::json!({
//!     "from_number": "+595981048477", "to_number": "+5215512345432", "text": "hi"
//! })).unwrap();
//! assert_eq!(params.to_number.as_deref(), Some("+5215512345432"));
//!
//! let number: ConnectedNumber = serde_json::from_value(serde_json::json!({
//!     "uuid": "WPN…", "friendly_name": "Sales", "phone_number": "+595981048477",
//!     "iso_country_code": "PY", "connection_status": "Z", "enabled": true,
//!     "is_business_profile": false, "channel_type": "WW", "created_at": "2023-04-17T18:50:50Z",
//!     "new_field": 1
//! })).unwrap();
//! assert_eq!(number.connection_status, ConnectionStatus::Other("Z".into()));
//! assert_eq!(number.extra["new_field"], 1);
//! assert_eq!(number.created_at.epoch_ms(), Some(1681757450000.0));
//! ```
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An id that 2Chat sends as a string in some places and as a whole number in others.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Id {
    /// A string id (`"WPN…"`).
    Text(String),
    /// A numeric id, as written.
    Number(Number),
}

impl Default for Id {
    /// An empty string id: what a response missing its id reads as.
    fn default() -> Self {
        Id::Text(String::new())
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Id::Text(s) => f.write_str(s),
            Id::Number(n) => write!(f, "{n}"),
        }
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Self {
        Id::Text(s.to_string())
    }
}

impl From<String> for Id {
    fn from(s: String) -> Self {
        Id::Text(s)
    }
}

impl From<i64> for Id {
    fn from(n: i64) -> Self {
        Id::Number(Number::from(n))
    }
}

/// A timestamp as 2Chat sent it: one of its string formats (`2023-04-17T18:50:50Z`,
/// `2022-10-31 22:05:44`, …) or epoch seconds. [`Timestamp::epoch_ms`] reads any of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Timestamp {
    /// A string form.
    Text(String),
    /// Epoch seconds (or milliseconds, when too large to be seconds), as written.
    Epoch(Number),
}

impl Default for Timestamp {
    /// An empty string: [`Timestamp::epoch_ms`] reads it as `None`.
    fn default() -> Self {
        Timestamp::Text(String::new())
    }
}

impl Timestamp {
    /// Epoch milliseconds (UTC); `None` for 2Chat's "never" (`0`, `""`) and anything unreadable.
    pub fn epoch_ms(&self) -> Option<f64> {
        match self {
            Timestamp::Text(s) => crate::time::parse(s),
            Timestamp::Epoch(n) => crate::time::from_number(n.as_f64()),
        }
    }
}

/// Reads `null` as the type's empty value (a response field 2Chat documents as always present
/// but sometimes sends as `null`).
fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A JSON number as 2Chat sent it: `10` stays `10` and `1670454681.0` stays a float when
/// serialised again. Read it with [`Number::as_f64`] (or `as_i64`, `as_u64`); `f64` values
/// compare equal to it (`number == 10.0`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Number(pub serde_json::Number);

impl Number {
    /// The value as an `f64` (every JSON number has one).
    pub fn as_f64(&self) -> f64 {
        self.0.as_f64().unwrap_or(f64::NAN)
    }

    /// The value as an `i64`, when it is a whole number written without a fraction.
    pub fn as_i64(&self) -> Option<i64> {
        self.0.as_i64()
    }

    /// The value as a `u64`, when it is a non-negative whole number written without a fraction.
    pub fn as_u64(&self) -> Option<u64> {
        self.0.as_u64()
    }
}

impl Default for Number {
    fn default() -> Self {
        Number(serde_json::Number::from(0))
    }
}

impl PartialEq<f64> for Number {
    fn eq(&self, other: &f64) -> bool {
        self.as_f64() == *other
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Self {
        Number(n.into())
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// The serde impls of a response type: its derived impls (`#[serde(remote = "Self")]`), plus the
/// `null`s of its optional fields kept in `extra`, so that serialising gives back exactly what
/// 2Chat sent (`"block_reason": null` stays, an absent field stays absent).
macro_rules! keep_nulls {
    ($name:ident, [$($key:literal),*]) => {
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $name::serialize(self, s)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let keys: &[&str] = &[$($key),*];
                if keys.is_empty() {
                    return $name::deserialize(d);
                }
                let value = serde_json::Value::deserialize(d)?;
                let nulls: Vec<String> = match &value {
                    serde_json::Value::Object(m) => {
                        keys.iter().filter(|k| m.get(**k).is_some_and(serde_json::Value::is_null)).map(|k| k.to_string()).collect()
                    }
                    _ => Vec::new(),
                };
                let mut typed = $name::deserialize(value).map_err(serde::de::Error::custom)?;
                for k in nulls {
                    typed.extra.insert(k, serde_json::Value::Null);
                }
                Ok(typed)
            }
        }
    };
}

/// Reads a field that must be present but may be `null` (`url: null` removes a profile picture):
/// with this, a missing field is an error instead of `None`.
fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d)
}

/// A string enum that keeps values it does not know in `Other`.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $value:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this version does not know, as sent.
            Other(String),
        }

        impl $name {
            /// The value as it goes on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $value,)*
                    $name::Other(s) => s,
                }
            }
        }

        impl Default for $name {
            /// `Other("")`: what a response missing the value reads as.
            fn default() -> Self {
                $name::Other(String::new())
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $($value => $name::$variant,)*
                    other => $name::Other(other.to_string()),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
                Ok($name::from(s.as_ref()))
            }
        }
    };
}

include!(concat!(env!("OUT_DIR"), "/types.rs"));
