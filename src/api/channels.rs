//! WhatsApp channels (connected numbers) and their connection.

use serde_json::Value;

use super::{body_of, ep, ep_path};
use crate::error::Result;
use crate::request::RequestSpec;
use crate::validate::{segment, Fields};

fn on(id: u8, channel_uuid: Option<&Value>) -> Result<RequestSpec> {
    let uuid = segment("channelUuid", channel_uuid)?;
    RequestSpec::to(ep(id)?, &[("channel_uuid", uuid)])
}

/// #6 `GET /open/whatsapp/channel/{uuid}`.
pub fn get(channel_uuid: Option<&Value>) -> Result<RequestSpec> {
    on(6, channel_uuid)
}

/// #7 `POST /open/whatsapp/channel/create`. A connect command starts at once; get the QR code
/// from [`status`] or the `whatsapp.number.status` webhook.
pub fn create(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::required("params", params)?;
    p.req_e164("phone_number")?;
    p.req_str("friendly_name")?;
    Ok(RequestSpec::to(ep(7)?, &[])?.body(body_of(&p)))
}

/// #8 `GET /open/whatsapp/channel/{uuid}/status`: refreshed every 3 s; poll no faster.
pub fn status(channel_uuid: Option<&Value>) -> Result<RequestSpec> {
    on(8, channel_uuid)
}

/// #9 `POST /open/whatsapp/channel/{uuid}/connect`: starts a QR login.
pub fn connect(channel_uuid: Option<&Value>) -> Result<RequestSpec> {
    let uuid = segment("channelUuid", channel_uuid)?;
    RequestSpec::to(ep_path(9, "/connect")?, &[("channel_uuid", uuid)])
}

/// #9 `POST /open/whatsapp/channel/{uuid}/disconnect`: keeps the channel.
pub fn disconnect(channel_uuid: Option<&Value>) -> Result<RequestSpec> {
    let uuid = segment("channelUuid", channel_uuid)?;
    RequestSpec::to(ep_path(9, "/disconnect")?, &[("channel_uuid", uuid)])
}

/// #10 `DELETE /open/whatsapp/channel/{uuid}`.
pub fn delete(channel_uuid: Option<&Value>) -> Result<RequestSpec> {
    on(10, channel_uuid)
}
