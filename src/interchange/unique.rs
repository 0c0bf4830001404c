//! A client's JSON read into a value with every key that occurs twice in
//! one object noted: serde_json keeps the last of two equal keys without a
//! word, so a file could say two things and be read as one of them.

use std::fmt;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Reads one value at `path` (relative to the client: `contacts[0]`),
/// pushing the path of each repeated key to `repeated`.
pub(super) struct Unique<'a> {
    pub(super) path: String,
    pub(super) repeated: &'a mut Vec<String>,
}

impl Unique<'_> {
    fn at(&mut self, tail: &str) -> Unique<'_> {
        Unique {
            path: format!("{}{tail}", self.path),
            repeated: self.repeated,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Unique<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Unique<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element_seed(self.at(&format!("[{}]", items.len())))? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let tail = if self.path.is_empty() {
                key.clone()
            } else {
                format!(".{key}")
            };
            let mut at = self.at(&tail);
            let path = at.path.clone();
            let v = map.next_value_seed(at.at(""))?;
            if out.contains_key(&key) && !self.repeated.contains(&path) {
                self.repeated.push(path);
            }
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use serde::de::DeserializeSeed;

    use super::Unique;

    fn repeated(json: &str) -> (serde_json::Value, Vec<String>) {
        let mut out = Vec::new();
        let mut de = serde_json::Deserializer::from_str(json);
        let v = Unique {
            path: String::new(),
            repeated: &mut out,
        }
        .deserialize(&mut de)
        .expect("JSON");
        (v, out)
    }

    #[test]
    fn a_key_written_twice_is_named_by_its_path_and_the_value_is_unchanged_otherwise() {
        let (v, r) = repeated(
            r#"{"name": "山田", "name": "田中", "contacts": [{"summary": "a"}, {"summary": "a", "summary": "b"}], "n": 1.5, "x": null, "t": true}"#,
        );
        assert_eq!(r, ["name", "contacts[1].summary"]);
        assert_eq!(v["contacts"][0]["summary"], "a");
        assert_eq!((v["n"].as_f64(), v["t"].as_bool()), (Some(1.5), Some(true)));
        let (_, none) = repeated(r#"{"a": {"b": 1}, "c": {"b": 2}}"#);
        assert!(none.is_empty(), "{none:?}");
    }
}
