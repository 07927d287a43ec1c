//! Where 2Chat's sources disagree on a response field's name, both names are made present, so
//! code written against either spelling works. Nothing the server sent is removed or changed.

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};

fn get(o: &JsValue, k: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}

fn present(v: &JsValue) -> bool {
    !v.is_undefined()
}

/// Copies `a` to `b` or `b` to `a`, whichever is missing.
fn both(o: &JsValue, a: &str, b: &str) {
    if !o.is_object() {
        return;
    }
    let (va, vb) = (get(o, a), get(o, b));
    if present(&va) && !present(&vb) {
        let _ = Reflect::set(o, &JsValue::from_str(b), &va);
    } else if present(&vb) && !present(&va) {
        let _ = Reflect::set(o, &JsValue::from_str(a), &vb);
    }
}

/// Fills `details` from `contact_details` / `contact_detail` when only those are present.
fn details(contact: &JsValue) {
    if contact.is_object() && !present(&get(contact, "details")) {
        for alt in ["contact_details", "contact_detail"] {
            let v = get(contact, alt);
            if present(&v) {
                let _ = Reflect::set(contact, &JsValue::from_str("details"), &v);
                return;
            }
        }
    }
}

fn each(list: &JsValue, f: impl Fn(&JsValue)) {
    if let Some(a) = list.dyn_ref::<Array>() {
        a.for_each(&mut |item, _, _| f(&item));
    }
}

/// Applies the aliases of endpoint `id` to its parsed response.
pub fn aliases(id: Option<u8>, body: &JsValue) {
    match id {
        // SMS: `message_id` (docs) / `message_uuid` (2Chat's tools).
        Some(65) => both(body, "message_id", "message_uuid"),
        // Groups: `is_read_only` (docs) / `read_only` (2Chat's n8n node).
        Some(22) => each(&get(body, "data"), |g| both(g, "is_read_only", "read_only")),
        Some(23) => both(&get(body, "data"), "is_read_only", "read_only"),
        Some(44 | 47 | 48) => details(&get(body, "contact")),
        Some(45 | 46) => each(&get(body, "contacts"), details),
        _ => {}
    }
}
