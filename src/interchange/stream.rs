//! The clients of a document one at a time, straight from its text: a
//! whole office's file is hundreds of MB, and a parsed copy of all of it
//! (JSON values, then clients) would take several times that in memory.

use std::fmt;

use serde::Deserializer as _;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::unique::Unique;

/// Why streaming stopped.
pub(super) enum Stopped<E> {
    /// The text is not a `{"clients": [...]}` document.
    Json(serde_json::Error),
    /// The caller's function said stop.
    Caller(E),
}

/// Calls `each` with the position and JSON value of every element of the
/// top-level `clients` array, in order, holding one element at a time, and
/// the paths of the keys the element writes twice in one object (the value
/// holds the last). Other top-level keys are skipped (the shape check
/// refuses them first).
pub(super) fn each_client_value<E>(
    json: &str,
    mut each: impl FnMut(usize, Value, Vec<String>) -> Result<(), E>,
) -> Result<(), Stopped<E>> {
    let mut stop = None;
    let mut de = serde_json::Deserializer::from_str(json);
    let read = de
        .deserialize_map(Top {
            each: &mut each,
            stop: &mut stop,
        })
        .and_then(|()| de.end());
    match (read, stop) {
        (_, Some(e)) => Err(Stopped::Caller(e)),
        (Err(e), None) => Err(Stopped::Json(e)),
        (Ok(()), None) => Ok(()),
    }
}

/// The caller's function and where its refusal is kept (serde's own
/// error type cannot carry it).
struct Top<'a, F, E> {
    each: &'a mut F,
    stop: &'a mut Option<E>,
}

impl<'de, F, E> Visitor<'de> for Top<'_, F, E>
where
    F: FnMut(usize, Value, Vec<String>) -> Result<(), E>,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with a clients array")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Top { each, stop } = self;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == "clients" {
                map.next_value_seed(Clients {
                    each: &mut *each,
                    stop: &mut *stop,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct Clients<'a, F, E> {
    each: &'a mut F,
    stop: &'a mut Option<E>,
}

impl<'de, F, E> DeserializeSeed<'de> for Clients<'_, F, E>
where
    F: FnMut(usize, Value, Vec<String>) -> Result<(), E>,
{
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, F, E> Visitor<'de> for Clients<'_, F, E>
where
    F: FnMut(usize, Value, Vec<String>) -> Result<(), E>,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of clients")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            let mut repeated = Vec::new();
            let seed = Unique {
                path: String::new(),
                repeated: &mut repeated,
            };
            let Some(value) = seq.next_element_seed(seed)? else {
                break;
            };
            if let Err(e) = (self.each)(index, value, repeated) {
                *self.stop = Some(e);
                return Err(de::Error::custom("stopped"));
            }
            index += 1;
        }
        Ok(())
    }
}
