//! The SPA's JSON reader: a strict parser into a [`Json`] tree and [`FromJson`], which reads every
//! answer type from it by the names its serde attributes give; and [`JsonObject`], which writes
//! the request bodies byte for byte as `serde_json::to_string` does.
//!
//! serde's derived `Deserialize` compiles a visitor, its field matching and its error paths into
//! the wasm once per type and per container (each `Vec<T>`, each `Option<T>`), about 30 KB of the
//! SPA's gzip; this parser is compiled once and each type's reading is a list of field lookups.
//! The server keeps serde; the tests below read what serde writes, for every answer type, so the
//! two cannot drift apart. It accepts what `serde_json` accepts for these types (unknown fields
//! ignored, a missing `Option` read as `None`, `#[serde(default)]` honoured, a duplicate field
//! refused) and refuses the rest; only its error messages are worded differently.

use std::fmt;

use chrono::{DateTime, Utc};

/// A parsed JSON value; numbers keep their text, so each reads as its own type does in serde.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Why a text is not the JSON of the type asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl Error {
    fn expected(what: &str) -> Error {
        Error(format!("invalid type: expected {what}"))
    }

    fn in_field(self, name: &str) -> Error {
        Error(format!("{name}: {}", self.0))
    }
}

/// Reads a `T` from the JSON `text`.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, Error> {
    T::from_json(parse(text)?)
}

/// Parses `text`, which must be one JSON value with nothing but whitespace around it.
pub fn parse(text: &str) -> Result<Json, Error> {
    let mut reader = Reader { text, at: 0 };
    let value = reader.value(0)?;
    reader.skip_whitespace();
    if reader.at == text.len() {
        Ok(value)
    } else {
        Err(reader.error())
    }
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn error(&self) -> Error {
        Error(format!("invalid JSON at byte {}", self.at))
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Skips whitespace, then `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    fn expect(&mut self, byte: u8) -> Result<(), Error> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(self.error())
        }
    }

    fn word(&mut self, word: &str, value: Json) -> Result<Json, Error> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error())
        }
    }

    fn value(&mut self, depth: u32) -> Result<Json, Error> {
        // serde_json's limit too: deeper nesting is refused rather than overflowing the stack.
        if depth > 128 {
            return Err(self.error());
        }
        self.skip_whitespace();
        match self.peek() {
            Some(b'n') => self.word("null", Json::Null),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            break;
                        }
                        self.expect(b',')?;
                    }
                }
                Ok(Json::Array(items))
            }
            Some(b'{') => {
                self.at += 1;
                let mut fields = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        self.skip_whitespace();
                        if self.peek() != Some(b'"') {
                            return Err(self.error());
                        }
                        let name = self.string()?;
                        self.expect(b':')?;
                        fields.push((name, self.value(depth + 1)?));
                        if self.eat(b'}') {
                            break;
                        }
                        self.expect(b',')?;
                    }
                }
                Ok(Json::Object(fields))
            }
            _ => self.number(),
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as written.
    fn number(&mut self) -> Result<Json, Error> {
        let start = self.at;
        self.at += usize::from(self.peek() == Some(b'-'));
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits()?,
            _ => return Err(self.error()),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            self.at += usize::from(matches!(self.peek(), Some(b'+' | b'-')));
            self.digits()?;
        }
        Ok(Json::Number(self.text[start..self.at].to_string()))
    }

    /// One or more digits.
    fn digits(&mut self) -> Result<(), Error> {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        if self.at == start {
            Err(self.error())
        } else {
            Ok(())
        }
    }

    /// The string whose opening quote is next.
    fn string(&mut self) -> Result<String, Error> {
        self.at += 1;
        let mut text = String::new();
        loop {
            // Copies the run up to the next quote, backslash or control character whole.
            let rest = &self.text[self.at..];
            let Some(run) = rest
                .bytes()
                .position(|byte| byte == b'"' || byte == b'\\' || byte < 0x20)
            else {
                self.at = self.text.len();
                return Err(self.error());
            };
            text.push_str(&rest[..run]);
            self.at += run + 1;
            match rest.as_bytes()[run] {
                b'"' => return Ok(text),
                b'\\' => {
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            let mut code = self.hex()?;
                            if (0xD800..0xDC00).contains(&code) {
                                // A leading surrogate: its trailing half must follow.
                                if !self.text[self.at..].starts_with("\\u") {
                                    return Err(self.error());
                                }
                                self.at += 2;
                                let low = self.hex()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(self.error());
                                }
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                            }
                            self.at -= 1;
                            char::from_u32(code).ok_or_else(|| self.error())?
                        }
                        _ => return Err(self.error()),
                    };
                    self.at += 1;
                    text.push(escaped);
                }
                _ => {
                    self.at -= 1;
                    return Err(self.error());
                }
            }
        }
    }

    /// The four hex digits of a `\u` escape.
    fn hex(&mut self) -> Result<u32, Error> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|byte| char::from(byte).to_digit(16))
                .ok_or_else(|| self.error())?;
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }
}

/// A type the SPA reads from JSON, as its serde `Deserialize` would.
pub trait FromJson: Sized {
    fn from_json(json: Json) -> Result<Self, Error>;

    /// What an absent field reads as: nothing but an `Option` may be absent (as in serde).
    fn missing() -> Option<Self> {
        None
    }
}

/// The fields of an object, taken out by name.
pub struct Object(Vec<(String, Json)>);

impl Object {
    pub fn of(json: Json) -> Result<Object, Error> {
        match json {
            Json::Object(fields) => Ok(Object(fields)),
            _ => Err(Error::expected("an object")),
        }
    }

    /// The value of field `name`, `None` if absent; a field given twice is an error.
    fn take(&mut self, name: &str) -> Result<Option<Json>, Error> {
        let mut found = None;
        for (key, value) in &mut self.0 {
            if key == name {
                if found.is_some() {
                    return Err(Error(format!("duplicate field `{name}`")));
                }
                found = Some(std::mem::replace(value, Json::Null));
            }
        }
        Ok(found)
    }

    /// Field `name`; only an `Option` may be absent.
    pub fn field<T: FromJson>(&mut self, name: &str) -> Result<T, Error> {
        match self.take(name)? {
            Some(value) => T::from_json(value).map_err(|error| error.in_field(name)),
            None => T::missing().ok_or_else(|| Error(format!("missing field `{name}`"))),
        }
    }

    /// Field `name` of a `#[serde(default)]` field: its default when absent.
    pub fn field_or_default<T: FromJson + Default>(&mut self, name: &str) -> Result<T, Error> {
        match self.take(name)? {
            Some(value) => T::from_json(value).map_err(|error| error.in_field(name)),
            None => Ok(T::default()),
        }
    }
}

impl FromJson for String {
    fn from_json(json: Json) -> Result<Self, Error> {
        match json {
            Json::String(text) => Ok(text),
            _ => Err(Error::expected("a string")),
        }
    }
}

impl FromJson for bool {
    fn from_json(json: Json) -> Result<Self, Error> {
        match json {
            Json::Bool(value) => Ok(value),
            _ => Err(Error::expected("a boolean")),
        }
    }
}

/// The text of an integer (serde refuses a fraction or an exponent for an integer type).
fn integer(json: Json) -> Result<String, Error> {
    match json {
        // serde_json reads `-0` as a float.
        Json::Number(text) if text != "-0" => Ok(text),
        _ => Err(Error::expected("an integer")),
    }
}

fn out_of_range(text: &str) -> Error {
    Error(format!("invalid value: {text} is not an integer in range"))
}

macro_rules! integers {
    ($($integer:ty),+) => {
        $(impl FromJson for $integer {
            fn from_json(json: Json) -> Result<Self, Error> {
                let text = integer(json)?;
                text.parse().map_err(|_| out_of_range(&text))
            }
        })+
    };
}

integers!(u64, i64, i32);

impl FromJson for f64 {
    fn from_json(json: Json) -> Result<Self, Error> {
        match json {
            Json::Number(text) => text
                .parse()
                .map_err(|_| Error(format!("invalid value: {text} is not a number"))),
            _ => Err(Error::expected("a number")),
        }
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(json: Json) -> Result<Self, Error> {
        match json {
            Json::Null => Ok(None),
            value => T::from_json(value).map(Some),
        }
    }

    fn missing() -> Option<Self> {
        Some(None)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(json: Json) -> Result<Self, Error> {
        match json {
            // A plain loop: `collect` into a `Result` compiles larger for each `T`.
            Json::Array(items) => {
                let mut values = Vec::with_capacity(items.len());
                for item in items {
                    values.push(T::from_json(item)?);
                }
                Ok(values)
            }
            _ => Err(Error::expected("an array")),
        }
    }
}

impl FromJson for DateTime<Utc> {
    fn from_json(json: Json) -> Result<Self, Error> {
        let text = String::from_json(json)?;
        crate::wire_date::parse(&text).ok_or_else(|| {
            Error(format!(
                "invalid value: `{text}` is not a UTC date and time"
            ))
        })
    }
}

/// A string enum, by `from_wire_name` (or whatever maps its serde names back).
pub fn read_enum<T>(json: Json, from_name: fn(&str) -> Option<T>) -> Result<T, Error> {
    let name = String::from_json(json)?;
    from_name(&name).ok_or_else(|| Error(format!("unknown variant `{name}`")))
}

/// `impl FromJson` for a struct: each field by its serde name, with `default` for
/// `#[serde(default)]` fields.
#[macro_export]
macro_rules! from_json_struct {
    ($name:ident $(<$parameter:ident>)? { $($field:ident: $wire:literal $($default:ident)?),+ $(,)? }) => {
        impl$(<$parameter: $crate::json::FromJson>)? $crate::json::FromJson for $name$(<$parameter>)? {
            fn from_json(json: $crate::json::Json) -> Result<Self, $crate::json::Error> {
                let mut object = $crate::json::Object::of(json)?;
                Ok($name {
                    $($field: $crate::from_json_struct!(@read object $wire $($default)?)),+
                })
            }
        }
    };
    (@read $object:ident $wire:literal) => { $object.field($wire)? };
    (@read $object:ident $wire:literal default) => { $object.field_or_default($wire)? };
}

/// `impl FromJson` for a string enum by a function from its serde name.
#[macro_export]
macro_rules! from_json_enum {
    ($($name:ident: $from_name:path),+ $(,)?) => {
        $(impl $crate::json::FromJson for $name {
            fn from_json(json: $crate::json::Json) -> Result<Self, $crate::json::Error> {
                $crate::json::read_enum(json, $from_name)
            }
        })+
    };
}

/// Writes a JSON object as `serde_json::to_string` writes a struct: fields in the order written,
/// no whitespace, strings escaped as serde_json escapes them.
pub struct JsonObject(String);

impl Default for JsonObject {
    fn default() -> Self {
        JsonObject(String::from("{"))
    }
}

impl JsonObject {
    fn key(&mut self, name: &str) -> &mut String {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        write_string(&mut self.0, name);
        self.0.push(':');
        &mut self.0
    }

    pub fn string(mut self, name: &str, value: &str) -> Self {
        write_string(self.key(name), value);
        self
    }

    pub fn bool(mut self, name: &str, value: bool) -> Self {
        self.key(name)
            .push_str(if value { "true" } else { "false" });
        self
    }

    pub fn u64(mut self, name: &str, value: u64) -> Self {
        self.key(name).push_str(&value.to_string());
        self
    }

    pub fn strings(mut self, name: &str, values: &[String]) -> Self {
        let out = self.key(name);
        out.push('[');
        for (index, value) in values.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            write_string(out, value);
        }
        out.push(']');
        self
    }

    /// A field whose value is another object.
    pub fn object(mut self, name: &str, value: JsonObject) -> Self {
        self.key(name).push_str(&value.finish());
        self
    }

    pub fn finish(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

/// `text` as a JSON string: `"`, `\` and control characters escaped, the rest as it is.
fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\0'..='\u{1f}' => {
                let hex = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(hex[c as usize >> 4]));
                out.push(char::from(hex[c as usize & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `serde_json::Value` as a [`Json`], to compare the two parsers.
    fn from_serde(value: serde_json::Value) -> Json {
        match value {
            serde_json::Value::Null => Json::Null,
            serde_json::Value::Bool(value) => Json::Bool(value),
            serde_json::Value::Number(number) => Json::Number(number.to_string()),
            serde_json::Value::String(text) => Json::String(text),
            serde_json::Value::Array(items) => {
                Json::Array(items.into_iter().map(from_serde).collect())
            }
            serde_json::Value::Object(fields) => Json::Object(
                fields
                    .into_iter()
                    .map(|(name, value)| (name, from_serde(value)))
                    .collect(),
            ),
        }
    }

    #[test]
    fn parses_what_serde_json_parses_and_refuses_what_it_refuses() {
        for text in [
            "null",
            " true ",
            "false",
            "0",
            "12",
            "-12",
            "\"\"",
            "\"plain\"",
            r#""esc \" \\ \/ \b \f \n \r \t""#,
            r#""\u00e9\u20AC\ud83d\ude00""#,
            "\"é€😀\"",
            "[]",
            "[ 1 , [2], {} ]",
            "{}",
            r#"{"a":1,"b":[true,null],"c":{"d":"e"}}"#,
            "\n\t{ \"a\" :\r\n 1 }\n",
            // Refused:
            "",
            " ",
            "nul",
            "True",
            "01",
            "-",
            "+1",
            "1.",
            ".5",
            "1e",
            "1e+",
            "0x10",
            "\"open",
            "\"tab\there\"",
            r#""\x""#,
            r#""\u12""#,
            r#""\ud83d""#,
            r#""\ud83dx""#,
            r#""\ud83d\u0041""#,
            r#""\ude00""#,
            "[1,]",
            "[1 2]",
            "[",
            "]",
            "{\"a\"}",
            "{\"a\":1,}",
            "{a:1}",
            "{\"a\":1 \"b\":2}",
            "1 2",
            "{} x",
        ] {
            let serde = serde_json::from_str::<serde_json::Value>(text);
            let ours = parse(text);
            assert_eq!(ours.is_ok(), serde.is_ok(), "{text:?}: {ours:?}");
            if let Ok(value) = serde {
                assert_eq!(ours.unwrap(), from_serde(value), "{text:?}");
            }
        }
        // Numbers keep their text; serde_json's `Value` would have rounded the float.
        assert_eq!(parse("1.5e3").unwrap(), Json::Number("1.5e3".into()));
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn integers_read_as_serde_reads_them() {
        assert_eq!(from_str::<u64>("18446744073709551615"), Ok(u64::MAX));
        assert_eq!(from_str::<i64>("-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(from_str::<i32>("-7"), Ok(-7));
        for text in [
            "-1",
            "-0",
            "1.0",
            "1e3",
            "18446744073709551616",
            "\"1\"",
            "null",
        ] {
            assert!(from_str::<u64>(text).is_err(), "{text}");
            assert!(serde_json::from_str::<u64>(text).is_err(), "{text}");
        }
        assert!(from_str::<i32>("2147483648").is_err());
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Sample {
        name: String,
        maybe: Option<u64>,
        #[serde(default)]
        listed: Vec<bool>,
    }

    from_json_struct!(Sample {
        name: "name",
        maybe: "maybe",
        listed: "listed" default,
    });

    #[test]
    fn objects_read_as_serde_reads_them() {
        for text in [
            r#"{"name":"a","maybe":1,"listed":[true]}"#,
            r#"{"name":"a"}"#,
            r#"{"name":"a","maybe":null,"unknown":{"x":[1]}}"#,
            r#"{"listed":[],"name":"b","maybe":2}"#,
            // Refused:
            r#"{"maybe":1}"#,
            r#"{"name":null}"#,
            r#"{"name":"a","listed":null}"#,
            r#"{"name":"a","name":"b"}"#,
            r#"{"name":"a","maybe":-1}"#,
            r#"{"name":"a","maybe":"1"}"#,
            r#"{"name":1}"#,
            r#"[]"#,
            r#""name""#,
        ] {
            let serde = serde_json::from_str::<Sample>(text);
            let ours = from_str::<Sample>(text);
            assert_eq!(ours.is_ok(), serde.is_ok(), "{text}: {ours:?}");
            if let Ok(value) = serde {
                assert_eq!(ours.unwrap(), value, "{text}");
            }
        }
        assert_eq!(
            from_str::<Sample>(r#"{"maybe":1}"#)
                .unwrap_err()
                .to_string(),
            "missing field `name`"
        );
        assert_eq!(
            from_str::<Sample>(r#"{"name":1}"#).unwrap_err().to_string(),
            "name: invalid type: expected a string"
        );
    }

    /// Reads what serde writes, as serde reads it.
    fn round_trip<T>(value: T)
    where
        T: FromJson + serde::Serialize + serde::de::DeserializeOwned + PartialEq + fmt::Debug,
    {
        let text = serde_json::to_string(&value).unwrap();
        assert_eq!(from_str::<T>(&text).as_ref(), Ok(&value), "{text}");
        assert_eq!(serde_json::from_str::<T>(&text).unwrap(), value, "{text}");
    }

    #[test]
    fn reads_every_answer_as_serde_writes_it() {
        use crate::{
            Collection,
            auth::{Me, Permission, Role, TokenResponse},
            device::{
                ComplianceState, ConfigurationManagerClientInformation, JoinType, ManagedBy,
                ManagedDevice, ManagementAgent, ManagementState, OwnerType,
            },
            device_action::{
                ActionState, BulkActionResult, DeviceActionName, DeviceActionResult,
                PipelineLogLine, PipelineStage,
            },
            error::{ErrorBody, ErrorEnvelope, InnerError},
            graph_device::{HardwareInformation, LoggedOnUser},
            organization::{MdmAuthority, MdmAuthorityChange, Organization, SetMdmAuthorityResult},
            overview::{CountOf, ManagedDeviceOverview},
        };
        let at = DateTime::from_timestamp(1_795_356_189, 120_000_000).unwrap();
        for &agent in ManagementAgent::ALL {
            round_trip(agent);
        }
        ManagedBy::ALL.iter().copied().for_each(round_trip);
        OwnerType::ALL.iter().copied().for_each(round_trip);
        ComplianceState::ALL.iter().copied().for_each(round_trip);
        ManagementState::ALL.iter().copied().for_each(round_trip);
        JoinType::ALL.iter().copied().for_each(round_trip);
        DeviceActionName::ALL.into_iter().for_each(round_trip);
        ActionState::ALL.into_iter().for_each(round_trip);
        PipelineStage::ALL.into_iter().for_each(round_trip);
        [
            MdmAuthority::Unknown,
            MdmAuthority::Intune,
            MdmAuthority::Office365,
        ]
        .into_iter()
        .for_each(round_trip);
        let roles = vec![
            Role::IntuneAdministrator,
            Role::HelpDeskOperator,
            Role::ReadOnlyOperator,
        ];
        let permissions = Role::IntuneAdministrator.permissions().to_vec();
        assert_eq!(permissions.len(), 9, "every permission");
        round_trip(Me {
            user_principal_name: "admin@contoso.com".into(),
            display_name: "Contoso \"Admin\" ✓".into(),
            roles,
            permissions,
            on_premises_sync_enabled: true,
        });
        assert_eq!(
            from_str::<Me>(
                r#"{"userPrincipalName":"a","displayName":"b","roles":[],"permissions":[]}"#
            )
            .map(|me| me.on_premises_sync_enabled),
            Ok(false)
        );
        assert!(from_str::<Permission>(r#""microsoft.intune/nothing""#).is_err());
        round_trip(TokenResponse {
            access_token: "token".into(),
            expires_date_time: at,
        });
        round_trip(crate::audit::AuditEvent {
            id: "7".into(),
            display_name: "POST /beta/deviceManagement/managedDevices/d1/retire".into(),
            activity_date_time: DateTime::from_timestamp(1_795_356_189, 0).unwrap(),
            activity_result: "failure".into(),
            failure_reason: "403 Forbidden".into(),
            actor: crate::audit::AuditActor {
                user_principal_name: "helpdesk@contoso.com".into(),
                ip_address: "127.0.0.1".into(),
            },
        });
        let result = DeviceActionResult {
            id: "r1".into(),
            action_name: DeviceActionName::RefreshMachinePolicy,
            action_state: ActionState::Active,
            start_date_time: at,
            last_updated_date_time: DateTime::UNIX_EPOCH,
            pipeline_stage: Some(PipelineStage::ManagementPoint),
            error_message: Some("Waiting".into()),
        };
        let finished = DeviceActionResult {
            pipeline_stage: None,
            error_message: None,
            action_state: ActionState::Done,
            ..result.clone()
        };
        let device = ManagedDevice {
            id: "d1".into(),
            device_name: "CONTOSO-LT-0001".into(),
            managed_device_name: "admin_Windows".into(),
            management_agent: ManagementAgent::ConfigurationManagerClientMdm,
            managed_device_owner_type: OwnerType::Company,
            compliance_state: ComplianceState::InGracePeriod,
            management_state: ManagementState::Managed,
            operating_system: "Windows".into(),
            os_version: "10.0.22631.4460".into(),
            device_type: "windowsRT".into(),
            user_principal_name: "adele@contoso.com".into(),
            user_display_name: "Adele Vance".into(),
            email_address: "adele@contoso.com".into(),
            enrolled_date_time: at,
            last_sync_date_time: DateTime::UNIX_EPOCH,
            serial_number: "SN1".into(),
            manufacturer: "Contoso".into(),
            model: "Laptop 7".into(),
            imei: String::new(),
            phone_number: "+1 555 0100".into(),
            wi_fi_mac_address: "00:11:22:33:44:55".into(),
            total_storage_space_in_bytes: 512_110_190_592,
            free_storage_space_in_bytes: -1,
            device_category_display_name: "Unassigned".into(),
            join_type: JoinType::HybridAzureAdJoined,
            is_encrypted: true,
            device_action_results: vec![result.clone(), finished],
            configuration_manager_client_information: Some(ConfigurationManagerClientInformation {
                client_identifier: "GUID:1".into(),
                client_version: "5.00.9132.1000".into(),
                is_blocked: false,
            }),
            is_online: false,
            ..ManagedDevice::default()
        };
        round_trip(device.clone());
        round_trip(ManagedDevice {
            configuration_manager_client_information: None,
            device_action_results: Vec::new(),
            ..device.clone()
        });
        round_trip(ManagedDevice {
            azure_ad_device_id: Some("2c0e7b1a-6f7e-4d3b-9a51-0c6f3f1e2d4a".into()),
            user_id: Some("8f2b3c4d-1e2f-4a5b-9c6d-7e8f9a0b1c2d".into()),
            owner_type: OwnerType::Company,
            physical_memory_in_bytes: Some(17_179_869_184),
            management_certificate_expiration_date: Some(at),
            hardware_information: Some(HardwareInformation {
                serial_number: Some("SN1".into()),
                battery_level_percentage: Some(87.5),
                battery_health_percentage: Some(94),
                is_supervised: Some(false),
                wired_ipv4_addresses: vec!["10.1.2.3".into()],
                ..HardwareInformation::default()
            }),
            users_logged_on: Some(vec![LoggedOnUser {
                user_id: Some("8f2b3c4d-1e2f-4a5b-9c6d-7e8f9a0b1c2d".into()),
                last_log_on_date_time: Some(at),
            }]),
            role_scope_tag_ids: Some(vec!["0".into()]),
            chrome_os_device_info: Some(Vec::new()),
            ..device.clone()
        });
        round_trip(Collection {
            context: "$metadata#deviceManagement/managedDevices".into(),
            count: Some(2),
            value: vec![device.clone(), device],
            next_link: Some("/beta/deviceManagement/managedDevices?$skip=2".into()),
        });
        round_trip(Collection::<DeviceActionResult> {
            context: "c".into(),
            count: None,
            value: vec![result],
            next_link: None,
        });
        round_trip(Collection {
            context: "c".into(),
            count: Some(1),
            value: vec![PipelineLogLine {
                date_time: at,
                component: "SMS_SERVICE_CONNECTOR".into(),
                log_file: "SMS_CLOUDCONNECTION.log".into(),
                message: "Line\twith\nescapes \\ é".into(),
            }],
            next_link: None,
        });
        let organization = Organization {
            id: "o1".into(),
            display_name: "Contoso".into(),
            mobile_device_management_authority: MdmAuthority::Intune,
            is_coexistence_enabled: true,
            mobile_device_management_authority_changes: vec![MdmAuthorityChange {
                from_authority: MdmAuthority::Unknown,
                to_authority: MdmAuthority::Intune,
                changed_by: "admin@contoso.com".into(),
                changed_date_time: at,
            }],
        };
        round_trip(Collection {
            context: "c".into(),
            count: None,
            value: vec![organization],
            next_link: None,
        });
        round_trip(SetMdmAuthorityResult { value: 0 });
        round_trip(crate::BoundedCount {
            count: 10_000,
            is_exact: false,
        });
        round_trip(ManagedDeviceOverview {
            enrolled_device_count: 42,
            managed_by_counts: vec![CountOf {
                value: ManagedBy::CoManaged,
                count: 3,
            }],
            compliance_state_counts: vec![CountOf {
                value: ComplianceState::Noncompliant,
                count: 4,
            }],
            operating_system_counts: vec![CountOf {
                value: "Windows".to_string(),
                count: 5,
            }],
            management_state_counts: vec![CountOf {
                value: ManagementState::WipePending,
                count: 1,
            }],
        });
        round_trip(BulkActionResult {
            successful_device_ids: Some(vec!["a".into(), "b".into()]),
            failed_device_ids: Some(Vec::new()),
            not_found_device_ids: None,
            not_supported_device_ids: Some(vec!["c".into()]),
            successful_device_count: 2,
            failed_device_count: 0,
            not_found_device_count: 0,
            not_supported_device_count: 1,
        });
        round_trip(BulkActionResult::default());
        round_trip(ErrorEnvelope {
            error: ErrorBody {
                code: "notFound".into(),
                message: "No such device.".into(),
                inner_error: Some(InnerError {
                    request_id: "req-1".into(),
                    client_request_id: Some("client-1".into()),
                    date: at,
                }),
            },
        });
        round_trip(ErrorEnvelope {
            error: ErrorBody {
                code: "badRequest".into(),
                message: String::new(),
                inner_error: None,
            },
        });
        // What serde refuses, this refuses too.
        for text in [
            r#"{"error":{"code":"x"}}"#,
            r#"{"error":{"code":"x","message":"y","innerError":{"request-id":"r","date":"yesterday"}}}"#,
            r#"{"error":{"code":"x","message":"y","innerError":{"date":"2026-11-22T14:03:09Z"}}}"#,
            r#"{"error":null}"#,
        ] {
            assert!(
                serde_json::from_str::<ErrorEnvelope>(text).is_err(),
                "{text}"
            );
            assert!(from_str::<ErrorEnvelope>(text).is_err(), "{text}");
        }
    }

    #[test]
    fn writes_request_bodies_as_serde_does() {
        use crate::{
            auth::TokenRequest,
            device_action::{
                ConfigurationManagerAction, ConfigurationManagerActionType, DeviceActionName,
                ExecuteAction, ObliterationBehavior, SetDeviceName,
                TriggerConfigurationManagerAction, WipeOptions,
            },
        };
        let awkward = "quote \" backslash \\ slash / nl \n cr \r tab \t bs \u{8} ff \u{c} \
                       nul \0 unit \u{1f} del \u{7f} é € 😀";
        let same = |ours: String, serde: String| assert_eq!(ours, serde);
        let token = TokenRequest {
            user_principal_name: "admin@contoso.com".into(),
            password: awkward.into(),
        };
        same(token.to_json(), serde_json::to_string(&token).unwrap());
        for action in DeviceActionName::ALL {
            if let Some(action) = ConfigurationManagerActionType::of(action) {
                let body = TriggerConfigurationManagerAction {
                    configuration_manager_action: ConfigurationManagerAction { action },
                };
                same(body.to_json(), serde_json::to_string(&body).unwrap());
            }
        }
        let rename = SetDeviceName {
            device_name: awkward.into(),
        };
        same(rename.to_json(), serde_json::to_string(&rename).unwrap());
        for (keep_enrollment_data, keep_user_data) in
            [(false, false), (true, false), (false, true), (true, true)]
        {
            let wipe = WipeOptions {
                keep_enrollment_data,
                keep_user_data,
                ..WipeOptions::default()
            };
            same(wipe.to_json(), serde_json::to_string(&wipe).unwrap());
        }
        let every_option = WipeOptions {
            keep_enrollment_data: true,
            keep_user_data: false,
            persist_esim_data_plan: true,
            use_protected_wipe: true,
            mac_os_unlock_code: Some(awkward.into()),
            obliteration_behavior: Some(ObliterationBehavior::ObliterateWithWarning),
        };
        same(
            every_option.to_json(),
            serde_json::to_string(&every_option).unwrap(),
        );
        for request in [
            ExecuteAction {
                action_name: "syncDevice".into(),
                ..ExecuteAction::default()
            },
            ExecuteAction {
                action_name: "wipe".into(),
                device_ids: Some(vec!["a".into(), awkward.into()]),
                keep_enrollment_data: Some(true),
                keep_user_data: Some(false),
                ..ExecuteAction::default()
            },
            ExecuteAction {
                action_name: "setDeviceName".into(),
                device_ids: Some(vec!["a".into()]),
                device_name: Some(awkward.into()),
                persist_esim_data_plan: Some(true),
                ..ExecuteAction::default()
            },
            ExecuteAction {
                action_name: "retire".into(),
                device_ids: Some(Vec::new()),
                ..ExecuteAction::default()
            },
            ExecuteAction {
                action_name: "rebootNow".into(),
                filter: Some("(operatingSystem eq 'Windows')".into()),
                search: Some(awkward.into()),
                expected_count: Some(u64::MAX),
                ..ExecuteAction::default()
            },
        ] {
            same(request.to_json(), serde_json::to_string(&request).unwrap());
        }
    }
}
