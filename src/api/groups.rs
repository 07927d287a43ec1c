//! WhatsApp groups. 2Chat accepts at most 10 participants per call; changes take minutes to show.

use serde_json::Value;

use super::{body_of, ep, paging, PerPage};
use crate::error::Result;
use crate::request::RequestSpec;
use crate::validate::{required_e164, segment, Fields};

/// At most this many participants per create / add / remove / promote / demote call.
pub const MAX_PARTICIPANTS: usize = 10;

/// #22 `GET /open/whatsapp/groups/{number}`: the groups a connected number belongs to.
pub fn list(number: Option<&Value>) -> Result<RequestSpec> {
    let number = required_e164("number", number)?;
    RequestSpec::to(ep(22)?, &[("number", number)])
}

/// #23 `GET /open/whatsapp/group/{group_uuid}`: one group with its participants.
pub fn get(group_uuid: Option<&Value>) -> Result<RequestSpec> {
    let uuid = segment("groupUuid", group_uuid)?;
    RequestSpec::to(ep(23)?, &[("group_uuid", uuid)])
}

/// #24 `POST /open/whatsapp/group/create`.
pub fn create(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::required("params", params)?;
    p.req_e164("from_number")?;
    let g = p.req_object("group")?;
    g.req_str("name")?;
    g.opt_str("description")?;
    g.req_e164_list("participants", MAX_PARTICIPANTS)?;
    Ok(RequestSpec::to(ep(24)?, &[])?.body(body_of(&p)))
}

fn participants(id: u8, group_uuid: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let uuid = segment("groupUuid", group_uuid)?;
    let p = Fields::required("params", params)?;
    p.req_e164("from_number")?;
    p.req_e164_list("participants", MAX_PARTICIPANTS)?;
    Ok(RequestSpec::to(ep(id)?, &[("group_uuid", uuid)])?.body(body_of(&p)))
}

/// #25 `POST …/group/{uuid}/add-participant`.
pub fn add_participants(group_uuid: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    participants(25, group_uuid, params)
}

/// #26 `POST …/group/{uuid}/remove-participant`.
pub fn remove_participants(group_uuid: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    participants(26, group_uuid, params)
}

/// #27 `POST …/group/{uuid}/promote-participant`: makes them admins.
pub fn promote_participants(group_uuid: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    participants(27, group_uuid, params)
}

/// #28 `POST …/group/{uuid}/demote-participant`.
pub fn demote_participants(group_uuid: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    participants(28, group_uuid, params)
}

/// #29 `POST …/group/{uuid}/set-description`; an empty description clears it.
pub fn set_description(group_uuid: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let uuid = segment("groupUuid", group_uuid)?;
    let p = Fields::required("params", params)?;
    p.req_e164("from_number")?;
    if p.opt_str_max("description", 2048)?.is_none() {
        return Err(crate::Error::invalid("description", "is required (an empty string clears it)"));
    }
    Ok(RequestSpec::to(ep(29)?, &[("group_uuid", uuid)])?.body(body_of(&p)))
}

/// #30 `POST …/group/{uuid}/set-picture`.
pub fn set_picture(group_uuid: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let uuid = segment("groupUuid", group_uuid)?;
    let p = Fields::required("params", params)?;
    p.req_e164("from_number")?;
    p.req_url("url")?;
    Ok(RequestSpec::to(ep(30)?, &[("group_uuid", uuid)])?.body(body_of(&p)))
}

/// #31 `GET /open/whatsapp/groups/messages/{uuid}`: 50 a page.
pub fn messages(group_uuid: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let uuid = segment("groupUuid", group_uuid)?;
    let p = Fields::optional("params", params)?;
    paging(RequestSpec::to(ep(31)?, &[("group_uuid", uuid)])?, &p, PerPage::No)
}
