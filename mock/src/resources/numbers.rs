//! WhatsApp numbers: list (#5) and check-number (#11).

use serde_json::{json, Value};

use super::{connected_number, page, require_e164, Call};
use crate::reply::ApiError;
use crate::state::Account;
use crate::util::{digits, number_info};

/// #5 `GET /open/whatsapp/get-numbers?status=&page_number=&results_per_page=` (default 50; the
/// contract states no maximum).
pub fn list(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let status = call.query("status").unwrap_or("all");
    let wanted: fn(&str) -> bool = match status {
        "" | "all" => |_| true,
        "connected" => |s| s == "C",
        "disconnected" => |s| s != "C",
        other => {
            return Err(ApiError::invalid(format!("status must be connected, disconnected or all, got `{other}`")))
        }
    };
    let page_number = call.page_number()?;
    let per_page = call.results_per_page_unbounded(50)?;
    let numbers = page(account.numbers.iter().filter(|n| wanted(&n.connection_status)), page_number, per_page);
    Ok(json!({"success": true, "numbers": numbers}))
}

/// #11 `GET /open/whatsapp/check-number/{from_number}/{number_to_check}[?extra-information=true]`.
///
/// Every well-formed number is valid; it is on WhatsApp unless it ends in `0000`, so tests can ask
/// for both answers.
pub fn check(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let from = call.param("from_number")?;
    connected_number(account, from, "from_number")?;
    let target = call.param("number_to_check")?;
    require_e164(target, "number_to_check")?;
    let extra = match call.query("extra-information") {
        None | Some("" | "false" | "0") => false,
        Some("true" | "1") => true,
        Some(other) => {
            return Err(ApiError::invalid(format!("extra-information must be true or false, got `{other}`")))
        }
    };
    account.usage.number_check_count += if extra { 2 } else { 1 };

    let info = number_info(target);
    let on_whatsapp = !target.ends_with("0000");
    let mut answer = json!({
        "is_valid": true,
        "number": {
            "iso_country_code": info.iso_country_code,
            "region": info.region,
            "carrier": "",
            "timezone": info.timezone,
        },
        "on_whatsapp": on_whatsapp,
    });
    if extra && on_whatsapp {
        // Deterministic variety: numbers ending in an odd digit are businesses (ASCII '0' is even).
        let is_business = digits(target).bytes().last().is_some_and(|b| b % 2 == 1);
        if let Some(obj) = answer.as_object_mut() {
            obj.insert(
                "whatsapp_info".into(),
                json!({
                    "is_business": is_business,
                    "is_enterprise": false,
                    "profile_pic": format!(
                        "https://2chat-user-data.s3.amazonaws.com/mock/profile-pics/{}.jpg",
                        digits(target)
                    ),
                    "verified_level": if is_business { 1 } else { 0 },
                    "verified_name": if is_business { "Mock Business" } else { "" },
                }),
            );
        }
    }
    Ok(answer)
}
