//! Account, keys and usage.

use super::bare;
use crate::error::Result;
use crate::request::RequestSpec;

/// #1 `GET /ping` (outside `/open`): checks the key; the body is not documented.
pub fn ping() -> Result<RequestSpec> {
    bare(1)
}

/// #2 `GET /open/info`: the account, its limits and usage; also the cheapest key check.
pub fn info() -> Result<RequestSpec> {
    bare(2)
}
