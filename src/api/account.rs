//! Account, keys and usage.

use super::ep;
use crate::error::Result;
use crate::request::RequestSpec;

/// #2 `GET /open/info`: the account, its limits and usage; also the cheapest key check.
pub fn info() -> Result<RequestSpec> {
    RequestSpec::to(ep(2)?, &[])
}
