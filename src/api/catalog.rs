//! The catalog of a WhatsApp Business app number (not WABA). Every change goes through WhatsApp
//! review; a collection's id changes on every edit.

use serde_json::{json, Value};

use super::{body_of, ep};
use crate::error::{Error, Result};
use crate::request::RequestSpec;
use crate::validate::{required_e164, segment, type_name, Fields};

fn list(id_all: u8, id_target: u8, from_number: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let from = required_e164("fromNumber", from_number)?;
    let p = Fields::optional("params", params)?;
    let req = match p.opt_e164("target_number")? {
        Some(t) => RequestSpec::to(ep(id_target)?, &[("target_number", t)])?,
        None => RequestSpec::to(ep(id_all)?, &[])?,
    };
    Ok(req.query("from_number", from))
}

/// #32 / #33 `GET /open/whatsapp/catalog/products[/{target}]?from_number=`.
pub fn list_products(from_number: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    list(32, 33, from_number, params)
}

/// #39 / #40 `GET /open/whatsapp/catalog/collections[/{target}]?from_number=`.
pub fn list_collections(from_number: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    list(39, 40, from_number, params)
}

fn product_fields(product: &Fields<'_>, creating: bool) -> Result<()> {
    if creating {
        product.req_str("name")?;
        product.req_url("image_url")?;
    } else {
        product.not_null("name")?;
        product.not_null("image_url")?;
        product.opt_str("name")?;
        product.opt_url("image_url")?;
    }
    product.opt_str("description")?;
    if let Some(price) = product.get("price") {
        match price {
            Value::String(s) if s.trim().parse::<f64>().is_ok_and(|v| v.is_finite() && v >= 0.0) => {}
            Value::String(_) => {
                return Err(Error::invalid(&product.path("price"), "must be a decimal amount, e.g. \"19.90\""))
            }
            other => {
                return Err(Error::invalid(
                    &product.path("price"),
                    format_args!("must be a string such as \"19.90\", got {}", type_name(other)),
                ))
            }
        }
    }
    product.opt_str("currency")?;
    product.opt_bool("is_hidden")?;
    product.opt_url("url")?;
    product.opt_str("retailer_id")?;
    Ok(())
}

/// #34 `POST /open/whatsapp/catalog/product`: `name` and `image_url` are required; the catalog
/// must already hold one product.
pub fn create_product(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::required("params", params)?;
    p.req_e164("from_number")?;
    product_fields(&p.req_object("product")?, true)?;
    Ok(RequestSpec::to(ep(34)?, &[])?.body(body_of(&p)))
}

/// #35 `PUT /open/whatsapp/catalog/product/{id}`: `name` and `image_url` cannot become null.
pub fn update_product(product_id: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let id = segment("productId", product_id)?;
    let p = Fields::required("params", params)?;
    p.req_e164("from_number")?;
    product_fields(&p.req_object("product")?, false)?;
    Ok(RequestSpec::to(ep(35)?, &[("product_id", id)])?.body(body_of(&p)))
}

fn from_only(params: Option<&Value>) -> Result<Value> {
    let p = Fields::required("params", params)?;
    let from = p.req_e164("from_number")?;
    Ok(json!({ "from_number": from }))
}

/// #36 `DELETE /open/whatsapp/catalog/product/{id}`, with a JSON body (`from_number`).
pub fn delete_product(product_id: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let id = segment("productId", product_id)?;
    let body = from_only(params)?;
    Ok(RequestSpec::to(ep(36)?, &[("product_id", id)])?.body(body))
}

/// #37 `POST /open/whatsapp/catalog/product/image/{id}`: one or two more images.
pub fn add_product_images(product_id: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let id = segment("productId", product_id)?;
    let p = Fields::required("params", params)?;
    p.req_e164("from_number")?;
    let product = p.req_object("product")?;
    let urls = product.req_array("image_urls", 1, 2)?;
    for (i, u) in urls.iter().enumerate() {
        let path = format!("{}[{i}]", product.path("image_urls"));
        match u {
            Value::String(s) if crate::validate::is_http_url(s) => {}
            _ => return Err(Error::invalid(&path, "must be an http(s) URL")),
        }
    }
    Ok(RequestSpec::to(ep(37)?, &[("product_id", id)])?.body(body_of(&p)))
}

/// #38 `DELETE /open/whatsapp/catalog/product/image/{id}/{index}` (0-based; the default image,
/// index 0, cannot be deleted), with a JSON body (`from_number`).
pub fn delete_product_image(
    product_id: Option<&Value>,
    image_index: Option<&Value>,
    params: Option<&Value>,
) -> Result<RequestSpec> {
    let id = segment("productId", product_id)?;
    let index = match image_index {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s.parse().ok(),
        _ => None,
    };
    let index = match index {
        Some(0) => return Err(Error::invalid("imageIndex", "the default image (index 0) cannot be deleted")),
        Some(i) if i <= 100 => i.to_string(),
        _ => return Err(Error::invalid("imageIndex", "must be a whole number from 1 (index 0 is the default image)")),
    };
    let body = from_only(params)?;
    Ok(RequestSpec::to(ep(38)?, &[("product_id", id), ("image_index", &index)])?.body(body))
}

fn string_ids(f: &Fields<'_>, field: &str, required: bool) -> Result<bool> {
    let Some(ids) = f.opt_array(field)? else {
        return if required { Err(Error::invalid(&f.path(field), "is required")) } else { Ok(false) };
    };
    for (i, v) in ids.iter().enumerate() {
        match v {
            Value::String(s) if !s.trim().is_empty() => {}
            Value::Number(n) if n.is_u64() => {}
            other => {
                return Err(Error::invalid(
                    &format!("{}[{i}]", f.path(field)),
                    format_args!("must be a product id, got {}", type_name(other)),
                ))
            }
        }
    }
    Ok(!ids.is_empty())
}

/// #41 `POST /open/whatsapp/catalog/collection`: a collection cannot be renamed later.
pub fn create_collection(params: Option<&Value>) -> Result<RequestSpec> {
    let p = Fields::required("params", params)?;
    p.req_e164("from_number")?;
    let c = p.req_object("collection")?;
    c.req_str("name")?;
    string_ids(&c, "product_ids", true)?;
    Ok(RequestSpec::to(ep(41)?, &[])?.body(body_of(&p)))
}

/// #42 `PUT /open/whatsapp/catalog/collection/{id}`. The answer carries the collection's new id:
/// 2Chat changes it on every edit, so store it.
pub fn update_collection(collection_id: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let id = segment("collectionId", collection_id)?;
    let p = Fields::required("params", params)?;
    p.req_e164("from_number")?;
    let c = p.req_object("collection")?;
    let adds = string_ids(&c, "add_product_ids", false)?;
    let removes = string_ids(&c, "remove_product_ids", false)?;
    if !adds && !removes {
        return Err(Error::invalid(&c.path("add_product_ids"), "give add_product_ids and/or remove_product_ids"));
    }
    Ok(RequestSpec::to(ep(42)?, &[("collection_id", id)])?.body(body_of(&p)))
}

/// #43 `DELETE /open/whatsapp/catalog/collection/{id}`, with a JSON body (`from_number`).
pub fn delete_collection(collection_id: Option<&Value>, params: Option<&Value>) -> Result<RequestSpec> {
    let id = segment("collectionId", collection_id)?;
    let body = from_only(params)?;
    Ok(RequestSpec::to(ep(43)?, &[("collection_id", id)])?.body(body))
}
