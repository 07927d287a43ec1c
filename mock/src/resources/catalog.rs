//! The catalog of a WhatsApp Business app number (#32–#43). Only numbers with a catalog (the
//! seeded `+595981048477`) are Business numbers; any other connected number answers 406.
//! Every change goes back to review (`approval_status: "PENDING"`), and a collection gets a new
//! id on every edit.

use serde_json::{json, Map, Value};

use super::{connected_number, is_http_url, opt_bool, opt_string, req_object, req_string, require_e164, Call};
use crate::reply::ApiError;
use crate::state::{Account, Catalog, Collection, Product};
use crate::util::number_info;

/// What a non-Business number answers.
pub const NOT_BUSINESS: &str = "catalog needs a WhatsApp Business number";
/// Most images a product can have.
pub const MAX_IMAGES: usize = 10;

fn not_acceptable(message: String) -> ApiError {
    ApiError::new(axum::http::StatusCode::NOT_ACCEPTABLE, message)
}

/// Checks `from` (E.164, connected, Business) and returns it.
fn business_number(account: &Account, from: &str) -> Result<String, ApiError> {
    let number = connected_number(account, from, "from_number")?;
    if account.catalogs.contains_key(&number.phone_number) {
        Ok(number.phone_number.clone())
    } else {
        Err(not_acceptable(format!("{NOT_BUSINESS}: {from} is not one")))
    }
}

/// `from_number` of the query (a `%2B`-encoded `+`).
fn query_from(account: &Account, call: &Call<'_>) -> Result<String, ApiError> {
    business_number(account, call.req_query("from_number")?)
}

/// `from_number` of the JSON body (required, also on DELETEs).
fn body_from(account: &Account, call: &Call<'_>) -> Result<String, ApiError> {
    let body = call
        .body
        .and_then(Value::as_object)
        .ok_or_else(|| ApiError::invalid("A JSON body with `from_number` is required (also on DELETE)"))?;
    business_number(account, req_string(body, "from_number")?)
}

fn catalog_mut<'a>(account: &'a mut Account, number: &str) -> Result<&'a mut Catalog, ApiError> {
    account.catalogs.get_mut(number).ok_or_else(|| not_acceptable(NOT_BUSINESS.to_owned()))
}

/// The catalog another account's `target_number` shows: the seeded products and collection.
fn foreign_catalog() -> Catalog {
    crate::seed::catalog()
}

/// The catalog #32/#33 and #39/#40 read: the number's own, or another account's.
fn listed_catalog(account: &Account, call: &Call<'_>) -> Result<Catalog, ApiError> {
    let from = query_from(account, call)?;
    if call.has_param("target_number") {
        let target = call.param("target_number")?;
        require_e164(target, "target_number")?;
        if target != from {
            return Ok(foreign_catalog());
        }
    }
    Ok(account.catalogs.get(&from).cloned().unwrap_or_default())
}

/// #32 `GET /open/whatsapp/catalog/products?from_number=` and #33 `…/products/{target_number}`.
pub fn list_products(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let catalog = listed_catalog(account, call)?;
    Ok(json!({"success": true, "products": catalog.products}))
}

fn collection_json(catalog: &Catalog, collection: &Collection) -> Value {
    let products: Vec<&Product> =
        collection.product_ids.iter().filter_map(|id| catalog.products.iter().find(|p| p.id == *id)).collect();
    json!({
        "id": collection.id,
        "name": collection.name,
        "is_approved": collection.is_approved,
        "approval_status": collection.approval_status,
        "products": products,
    })
}

/// #39 `GET /open/whatsapp/catalog/collections?from_number=` and #40 `…/{target_number}`.
pub fn list_collections(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let catalog = listed_catalog(account, call)?;
    let collections: Vec<Value> = catalog.collections.iter().map(|c| collection_json(&catalog, c)).collect();
    Ok(json!({"success": true, "collections": collections}))
}

/// A new product or collection id: 16 digits.
fn digits_id(account: &mut Account, base: u64) -> String {
    (base + account.next_seq() * 7_919).to_string()
}

/// `price`: a string holding a non-negative decimal.
fn price(product: &Map<String, Value>) -> Result<Option<Option<String>>, ApiError> {
    match product.get("price") {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::String(p)) if p.trim().parse::<f64>().is_ok_and(|v| v.is_finite() && v >= 0.0) => {
            Ok(Some(Some(p.trim().to_owned())))
        }
        Some(other) => {
            Err(ApiError::invalid(format!("`product.price` must be a decimal string such as \"19.90\", got {other}")))
        }
    }
}

fn opt_url(product: &Map<String, Value>, field: &str) -> Result<Option<String>, ApiError> {
    match opt_string(product, field)? {
        None => Ok(None),
        Some(url) if is_http_url(url) => Ok(Some(url.to_owned())),
        Some(url) => Err(ApiError::invalid(format!("`product.{field}` must be an http(s) URL, got `{url}`"))),
    }
}

fn currency(product: &Map<String, Value>) -> Result<Option<String>, ApiError> {
    match opt_string(product, "currency")? {
        None => Ok(None),
        Some(c) if c.len() == 3 && c.bytes().all(|b| b.is_ascii_alphabetic()) => Ok(Some(c.to_ascii_uppercase())),
        Some(c) => {
            Err(ApiError::invalid(format!("`product.currency` must be an ISO 4217 code such as \"USD\", got `{c}`")))
        }
    }
}

/// The currency of a number's country.
fn default_currency(number: &str) -> &'static str {
    match number_info(number).iso_country_code {
        "PY" => "PYG",
        "MX" => "MXN",
        "GB" => "GBP",
        "ES" => "EUR",
        _ => "USD",
    }
}

/// #34 `POST /open/whatsapp/catalog/product` `{from_number, product{name, image_url, …}}`. The
/// catalog must already hold a product (the first one is added in the app).
pub fn create_product(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let from = body_from(account, call)?;
    let body = call.body_object()?;
    let product = req_object(body, "product")?;
    let name = req_string(product, "name")?.to_owned();
    let image_url =
        opt_url(product, "image_url")?.ok_or_else(|| ApiError::invalid("`product.image_url` is required"))?;
    let description = opt_string(product, "description")?.map(str::to_owned);
    let price = price(product)?.flatten();
    let currency = currency(product)?.unwrap_or_else(|| default_currency(&from).to_owned());
    let is_hidden = opt_bool(product, "is_hidden")?.unwrap_or(false);
    let url = opt_url(product, "url")?;
    let retailer_id = opt_string(product, "retailer_id")?.map(str::to_owned);
    let id = digits_id(account, 7_200_000_000_000_000);
    let catalog = catalog_mut(account, &from)?;
    if catalog.products.is_empty() {
        return Err(ApiError::invalid(
            "The catalog has no products yet: add the first one in the WhatsApp Business app",
        ));
    }
    let created = Product {
        id,
        name,
        description,
        price,
        currency,
        availability: "in stock".into(),
        images: vec![image_url],
        is_hidden,
        url,
        retailer_id,
        approval_status: "PENDING".into(),
    };
    catalog.products.push(created.clone());
    Ok(json!({"success": true, "product": created}))
}

/// The index of the path's `product_id`, or 404.
fn product_index(catalog: &Catalog, call: &Call<'_>) -> Result<usize, ApiError> {
    let id = call.param("product_id")?;
    catalog
        .products
        .iter()
        .position(|p| p.id == id)
        .ok_or_else(|| ApiError::not_found(format!("Product {id} not found")))
}

/// #35 `PUT /open/whatsapp/catalog/product/{product_id}` `{from_number, product{…}}`: changes the
/// given fields; `name` and `image_url` cannot become null, `currency` cannot change.
pub fn update_product(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let from = body_from(account, call)?;
    let body = call.body_object()?;
    let changes = req_object(body, "product")?;
    for field in ["name", "image_url"] {
        if changes.get(field) == Some(&Value::Null) {
            return Err(ApiError::invalid(format!("`product.{field}` cannot be set to null")));
        }
    }
    let name = match changes.get("name") {
        None => None,
        Some(_) => Some(req_string(changes, "name")?.to_owned()),
    };
    let image_url = opt_url(changes, "image_url")?;
    let description = changes.contains_key("description").then(|| opt_string(changes, "description")).transpose()?;
    let new_price = price(changes)?;
    let new_currency = currency(changes)?;
    let is_hidden = opt_bool(changes, "is_hidden")?;
    let url = changes.contains_key("url").then(|| opt_url(changes, "url")).transpose()?;
    let retailer_id = changes.contains_key("retailer_id").then(|| opt_string(changes, "retailer_id")).transpose()?;

    let catalog = catalog_mut(account, &from)?;
    let index = product_index(catalog, call)?;
    let product = catalog.products.get_mut(index).ok_or_else(|| ApiError::not_found("Product not found"))?;
    if let Some(c) = &new_currency {
        if *c != product.currency {
            return Err(ApiError::invalid(format!(
                "`product.currency` cannot be changed (it is {})",
                product.currency
            )));
        }
    }
    if let Some(name) = name {
        product.name = name;
    }
    if let Some(url) = image_url {
        match product.images.first_mut() {
            Some(first) => *first = url,
            None => product.images.push(url),
        }
    }
    if let Some(d) = description {
        product.description = d.map(str::to_owned);
    }
    if let Some(p) = new_price {
        product.price = p;
    }
    if let Some(h) = is_hidden {
        product.is_hidden = h;
    }
    if let Some(u) = url {
        product.url = u;
    }
    if let Some(r) = retailer_id {
        product.retailer_id = r.map(str::to_owned);
    }
    product.approval_status = "PENDING".into();
    Ok(json!({"success": true, "product": product}))
}

/// #36 `DELETE /open/whatsapp/catalog/product/{product_id}` with a JSON body `{from_number}`.
pub fn delete_product(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let from = body_from(account, call)?;
    let catalog = catalog_mut(account, &from)?;
    let index = product_index(catalog, call)?;
    let product = catalog.products.remove(index);
    for collection in &mut catalog.collections {
        collection.product_ids.retain(|id| *id != product.id);
    }
    Ok(json!({"success": true}))
}

/// #37 `POST /open/whatsapp/catalog/product/image/{product_id}` `{from_number, product{image_urls}}`
/// (one or two URLs per call).
pub fn add_images(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let from = body_from(account, call)?;
    let body = call.body_object()?;
    let product = req_object(body, "product")?;
    let urls = super::opt_strings(product, "image_urls")?
        .ok_or_else(|| ApiError::invalid("`product.image_urls` is required"))?;
    if urls.is_empty() || urls.len() > 2 {
        return Err(ApiError::invalid(format!("`product.image_urls` must hold 1 or 2 URLs, got {}", urls.len())));
    }
    if let Some(bad) = urls.iter().find(|u| !is_http_url(u)) {
        return Err(ApiError::invalid(format!("`product.image_urls` must be http(s) URLs, got `{bad}`")));
    }
    let catalog = catalog_mut(account, &from)?;
    let index = product_index(catalog, call)?;
    let product = catalog.products.get_mut(index).ok_or_else(|| ApiError::not_found("Product not found"))?;
    if product.images.len() + urls.len() > MAX_IMAGES {
        return Err(ApiError::invalid(format!("A product has at most {MAX_IMAGES} images")));
    }
    product.images.extend(urls);
    product.approval_status = "PENDING".into();
    Ok(json!({"success": true, "product": product}))
}

/// #38 `DELETE /open/whatsapp/catalog/product/image/{product_id}/{image_index}` `{from_number}`:
/// index 0 (the default image) cannot be deleted; an index past the last image is 404.
pub fn delete_image(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let from = body_from(account, call)?;
    let raw = call.param("image_index")?;
    let image_index: usize =
        raw.parse().map_err(|_| ApiError::invalid(format!("image_index must be an integer >= 0, got `{raw}`")))?;
    let catalog = catalog_mut(account, &from)?;
    let index = product_index(catalog, call)?;
    let product = catalog.products.get_mut(index).ok_or_else(|| ApiError::not_found("Product not found"))?;
    if image_index == 0 {
        return Err(ApiError::invalid("The default image (index 0) cannot be deleted; replace it with update"));
    }
    if image_index >= product.images.len() {
        return Err(ApiError::not_found(format!(
            "Product {} has no image {image_index} (it has {})",
            product.id,
            product.images.len()
        )));
    }
    product.images.remove(image_index);
    product.approval_status = "PENDING".into();
    Ok(json!({"success": true}))
}

/// Product ids of a list field, as strings (2Chat ids may come as numbers).
fn ids(map: &Map<String, Value>, field: &str) -> Result<Vec<String>, ApiError> {
    match map.get(field) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| match v {
                Value::String(s) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
                Value::Number(n) if n.is_u64() => Ok(n.to_string()),
                _ => Err(ApiError::invalid(format!("`collection.{field}` must hold product ids"))),
            })
            .collect(),
        Some(_) => Err(ApiError::invalid(format!("`collection.{field}` must be a list of product ids"))),
    }
}

fn check_products(catalog: &Catalog, ids: &[String]) -> Result<(), ApiError> {
    match ids.iter().find(|id| !catalog.products.iter().any(|p| p.id == **id)) {
        Some(id) => Err(ApiError::not_found(format!("Product {id} not found"))),
        None => Ok(()),
    }
}

/// #41 `POST /open/whatsapp/catalog/collection` `{from_number, collection{name, product_ids}}`.
pub fn create_collection(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let from = body_from(account, call)?;
    let body = call.body_object()?;
    let collection = req_object(body, "collection")?;
    let name = req_string(collection, "name")?.to_owned();
    let mut product_ids: Vec<String> = Vec::new();
    for id in ids(collection, "product_ids")? {
        if !product_ids.contains(&id) {
            product_ids.push(id);
        }
    }
    let id = digits_id(account, 1_060_000_000_000_000);
    let catalog = catalog_mut(account, &from)?;
    check_products(catalog, &product_ids)?;
    let created = Collection { id, name, is_approved: false, approval_status: "PENDING".into(), product_ids };
    let answer = json!({"success": true, "collection": collection_json(catalog, &created)});
    catalog.collections.push(created);
    Ok(answer)
}

/// The index of the path's `collection_id`, or 404.
fn collection_index(catalog: &Catalog, call: &Call<'_>) -> Result<usize, ApiError> {
    let id = call.param("collection_id")?;
    catalog
        .collections
        .iter()
        .position(|c| c.id == id)
        .ok_or_else(|| ApiError::not_found(format!("Collection {id} not found")))
}

/// #42 `PUT /open/whatsapp/catalog/collection/{collection_id}`
/// `{from_number, collection{add_product_ids, remove_product_ids}}`: the collection gets a new
/// id (the old one is 404 from now on) and goes back to review. It cannot be renamed.
pub fn update_collection(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let from = body_from(account, call)?;
    let body = call.body_object()?;
    let changes = req_object(body, "collection")?;
    let add = ids(changes, "add_product_ids")?;
    let remove = ids(changes, "remove_product_ids")?;
    if add.is_empty() && remove.is_empty() {
        return Err(ApiError::invalid("`collection.add_product_ids` or `collection.remove_product_ids` is required"));
    }
    let new_id = digits_id(account, 1_060_000_000_000_000);
    let catalog = catalog_mut(account, &from)?;
    let index = collection_index(catalog, call)?;
    check_products(catalog, &add)?;
    let name = opt_string(changes, "name")?;
    let collection = catalog.collections.get_mut(index).ok_or_else(|| ApiError::not_found("Collection not found"))?;
    if name.is_some_and(|n| n != collection.name) {
        return Err(ApiError::invalid("A collection cannot be renamed"));
    }
    collection.product_ids.retain(|id| !remove.contains(id));
    for id in add {
        if !collection.product_ids.contains(&id) {
            collection.product_ids.push(id);
        }
    }
    collection.id = new_id;
    collection.is_approved = false;
    collection.approval_status = "PENDING".into();
    let updated = collection.clone();
    Ok(json!({"success": true, "collection": collection_json(catalog, &updated)}))
}

/// #43 `DELETE /open/whatsapp/catalog/collection/{collection_id}` `{from_number}`.
pub fn delete_collection(account: &mut Account, call: &Call<'_>) -> Result<Value, ApiError> {
    let from = body_from(account, call)?;
    let catalog = catalog_mut(account, &from)?;
    let index = collection_index(catalog, call)?;
    catalog.collections.remove(index);
    Ok(json!({"success": true}))
}
