//! The account's users.

use super::bare;
use crate::error::Result;
use crate::request::RequestSpec;

/// #3 `GET /open/users`: active users only.
pub fn list() -> Result<RequestSpec> {
    bare(3)
}
