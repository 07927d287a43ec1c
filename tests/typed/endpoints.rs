//! Every endpoint through the typed client: each method of every resource, with params read from
//! the JSON of 2Chat's docs into their Rust types, answered by the mock and decoded into the
//! declared response type. The mock logs which row of the contract each request matched; the test
//! ends by comparing those rows with every row of the declarations, so a method added to the
//! declarations without a call here fails it.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use twochat::types::*;

use super::support::*;

const HOOK: &str = "https://hooks.example.com/2chat/inbox";
const IMG: &str = "https://cdn.example.com/pics/avatar.jpg";
const PRODUCT_2: &str = "7130571828237716";
const RESERVABLE_GROUP: &str = "6f0c1a2b-1415-4c3d-8e4f-5a6b7c8d9e01";

/// Params from JSON, as a user holding 2Chat's docs would write them.
fn p<T: DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).unwrap_or_else(|e| panic!("params of {}: {e}", std::any::type_name::<T>()))
}

macro_rules! ok {
    ($call:expr) => {
        $call.await.unwrap_or_else(|e| panic!("{}: {e}", stringify!($call)))
    };
}

typed_test! {
    async fn every_endpoint_is_typed_end_to_end() {
        let acct = Account::new(&mock(), json!({})).await;
        let c = acct.client();

        // account, users, voice
        ok!(c.account().ping());
        assert!(ok!(c.account().info()).success);
        assert!(!ok!(c.users().list()).data.users.is_empty());
        let token = ok!(c.voice().create_access_token(&p(json!({"user_uuid": USER, "label": "desk 4", "ttl": 600}))));
        assert!(!token.token.is_empty());

        // numbers, channels
        assert!(!ok!(c.numbers().list(&p(json!({"status": "connected", "page_number": 0, "results_per_page": 1})))).numbers.is_empty());
        assert!(ok!(c.numbers().check(PY, "+12025550123", &p(json!({"extra_information": true})))).is_valid);
        ok!(c.channels().get(PY_UUID));
        let channel = ok!(c.channels().create(&p(json!({"phone_number": "+12025550188", "friendly_name": "agent line"})))).channel.uuid;
        ok!(c.channels().status(PY_UUID));
        ok!(c.channels().connect(&channel));
        ok!(c.channels().disconnect(&channel));
        ok!(c.channels().delete(&channel));

        // messages, conversations
        let sent = ok!(c.messages().send(&p(json!({"from_number": PY, "to_number": MX, "text": "hola 👋"}))));
        ok!(c.messages().list(PY, &Default::default()));
        ok!(c.messages().list(PY, &p(json!({"remote_number": MX, "page_number": 0}))));
        ok!(c.messages().get(SESSION_KEY, MESSAGE_UUID));
        ok!(c.messages().delete(SESSION_KEY, &sent.message_uuid.unwrap()));
        ok!(c.conversations().list(PY_UUID, &p(json!({"page_number": 0}))));

        // profile and status
        ok!(c.profile().set_picture(PY, &p(json!({"url": IMG}))));
        ok!(c.profile().set_status(MX, &p(json!({"status": "Open 9–18 🕘"}))));
        ok!(c.status().post_text(PY, &p(json!({"text": "Back at 3pm", "params": {"backgroundColor": "#1f2937", "font": 2}}))));
        ok!(c.status().post_image(PY, &p(json!({"image_url": IMG}))));

        // groups
        ok!(c.groups().list(PY));
        ok!(c.groups().get(GROUP));
        ok!(c.groups().create(&p(json!({"from_number": PY, "group": {"name": "agents", "description": "made in Rust", "participants": [MX]}}))));
        let members: GroupParticipantsParams = p(json!({"from_number": PY, "participants": ["+12025550123"]}));
        ok!(c.groups().add_participants(GROUP, &members));
        ok!(c.groups().promote_participants(GROUP, &members));
        ok!(c.groups().demote_participants(GROUP, &members));
        ok!(c.groups().remove_participants(GROUP, &members));
        ok!(c.groups().set_description(GROUP, &p(json!({"from_number": PY, "description": "rules: be kind"}))));
        ok!(c.groups().set_picture(GROUP, &p(json!({"from_number": PY, "url": IMG}))));
        ok!(c.groups().messages(GROUP, &p(json!({"page_number": 0}))));

        // catalog
        let owner: FromNumberParams = p(json!({"from_number": PY}));
        ok!(c.catalog().list_products(PY, &Default::default()));
        ok!(c.catalog().list_products(PY, &p(json!({"target_number": MX}))));
        ok!(c.catalog().create_product(&p(json!({"from_number": PY, "product": {"name": "Sopa paraguaya", "image_url": IMG, "price": "18000"}}))));
        ok!(c.catalog().update_product(PRODUCT, &p(json!({"from_number": PY, "product": {"price": "19000"}}))));
        ok!(c.catalog().add_product_images(PRODUCT, &p(json!({"from_number": PY, "product": {"image_urls": ["https://cdn.example.com/2.jpg", "https://cdn.example.com/3.jpg"]}}))));
        ok!(c.catalog().delete_product_image(PRODUCT, 2, &owner));
        ok!(c.catalog().delete_product(PRODUCT_2, &owner));
        ok!(c.catalog().list_collections(PY, &Default::default()));
        ok!(c.catalog().list_collections(PY, &p(json!({"target_number": MX}))));
        ok!(c.catalog().create_collection(&p(json!({"from_number": PY, "collection": {"name": "Breakfast", "product_ids": [PRODUCT]}}))));
        let updated = ok!(c.catalog().update_collection(COLLECTION, &p(json!({"from_number": PY, "collection": {"add_product_ids": [PRODUCT]}}))));
        let collection = updated.collection.map(|c| c.id.to_string()).unwrap_or_else(|| COLLECTION.to_string());
        ok!(c.catalog().delete_collection(&collection, &owner));

        // contacts
        let contact = ok!(c.contacts().create(&p(json!({"first_name": "Ana", "last_name": "Gómez",
            "contact_detail": [{"type": "WAPH", "value": MX}, {"type": "E", "value": "ana@example.com"}]})))).contact.uuid;
        ok!(c.contacts().list(&p(json!({"page_number": 0, "results_per_page": 10}))));
        assert!(!ok!(c.contacts().search(&p(json!({"query": "ana", "results_per_page": 5})))).contacts.is_empty());
        ok!(c.contacts().get(&contact));
        ok!(c.contacts().update(&contact, &p(json!({"last_name": "Gómez Ruiz"}))));
        ok!(c.contacts().delete(&contact));

        // webhooks
        let hook = ok!(c.webhooks().subscribe("whatsapp.message.received", &p(json!({"hook_url": HOOK, "on_number": PY})))).data.uuid;
        ok!(c.webhooks().list(&Default::default()));
        ok!(c.webhooks().list(&p(json!({"channel_uuid": PY_UUID}))));
        ok!(c.webhooks().delete(&hook));

        // WABA
        ok!(c.waba().list_numbers());
        ok!(c.waba().get_number(WABA_UUID));
        let template = ok!(c.waba().list_templates(WABA, &p(json!({"page": 0})))).templates[0].uuid.clone();
        ok!(c.waba().sync_templates(WABA));
        ok!(c.waba().delete_template(&template));
        ok!(c.waba().send_message(&p(json!({"from_number": WABA, "to_number": MX, "text": "Thanks, Ana!"}))));

        // calls, SMS
        let call = ok!(c.calls().history(&p(json!({"page_number": 0, "direction": "inbound"})))).cdrs[0].uuid.clone();
        ok!(c.calls().get(&call));
        let numbers = ok!(c.calls().list_virtual_numbers(&p(json!({"page_number": 0, "results_per_page": 100})))).numbers;
        ok!(c.calls().list_caller_ids(&p(json!({"results_per_page": 1}))));
        let spare = numbers.iter().find(|n| n.phone_number != SMS).unwrap().uuid.clone();
        ok!(c.calls().delete_virtual_number(&spare));
        ok!(c.sms().send(&p(json!({"from_number": SMS, "to_number": MX, "text": "Your code is 4821"}))));

        // phone numbers
        let regions = ok!(c.phone_numbers().regions(&p(json!({"country": "US"})))).data.regions;
        let california = regions.iter().find(|r| r.region_name == "California").unwrap().id.to_string();
        ok!(c.phone_numbers().cities(&p(json!({"country": "US", "region": california}))));
        ok!(c.phone_numbers().did_types());
        ok!(c.phone_numbers().requirements(&p(json!({"country": "GB", "did_type": "local"}))));
        let groups = ok!(c.phone_numbers().search_groups(&p(json!({"country": "US", "did_type": "local"})))).data.groups;
        let selectable = groups.iter().find(|g| g.allow_number_selection == Some(true)).unwrap().id.to_string();
        ok!(c.phone_numbers().available(&p(json!({"group_id": selectable, "number_contains": "55"}))));
        let held = ok!(c.phone_numbers().reserve(&p(json!({"group_id": RESERVABLE_GROUP})))).data.reservation_details;
        ok!(c.phone_numbers().list_reservations());
        ok!(c.phone_numbers().cancel_reservation(&held.uuid));
        let again = ok!(c.phone_numbers().reserve(&p(json!({"group_id": RESERVABLE_GROUP})))).data.reservation_details;
        ok!(c.phone_numbers().purchase(&p(json!({"group_id": RESERVABLE_GROUP, "number": again.number}))));

        // Every row of the declarations was reached, and nothing failed on the way.
        let log = acct.requests().await;
        assert!(log.iter().all(|r| r["status"].as_u64().is_some_and(|s| (200..300).contains(&s))), "{log:?}");
        let mut hit: Vec<u64> = log.iter().filter_map(|r| r["endpoint"].as_u64()).collect();
        hit.sort_unstable();
        hit.dedup();
        let mut declared: Vec<u64> = twochat::endpoints::ENDPOINTS.iter().map(|e| u64::from(e.id)).collect();
        declared.sort_unstable();
        declared.dedup();
        assert_eq!(hit, declared, "rows of the declarations no typed call reached");
    }
}
