//! `$filter`: the typed expression tree, its parser (checked against a schema) and its canonical text.
//!
//! Grammar (keywords, function and property names in any case, as OData 4.01 and Graph read them):
//!
//! ```text
//! or         = and *( "or" and )
//! and        = unary *( "and" unary )
//! unary      = "not" unary / primary
//! primary    = "(" or ")" / function [ ("eq" / "ne") ("true" / "false") ] / comparison
//! function   = ("startswith" / "endswith" / "contains") "(" property "," string ")"
//! comparison = property ( ("eq" / "ne" / "lt" / "le" / "gt" / "ge") value
//!                       / "in" "(" value *( "," value ) ")" )
//!            / boolean-property
//! value      = 'string' / integer / true / false / null / 2026-11-01T00:00:00Z
//! ```

use std::fmt;

use chrono::{DateTime, Datelike, SecondsFormat, SubsecRound, Utc};

use super::ODataError;
use super::schema::{Property, PropertyKind, Schema, lookup_queryable};

const OPTION: &str = "$filter";

/// The longest `$filter` accepted, in characters.
pub const MAX_FILTER_LENGTH: usize = 4096;

/// How deeply parentheses and `not` may nest, so hostile input cannot exhaust the stack.
pub const MAX_FILTER_DEPTH: usize = 32;

/// A parsed `$filter`, every property resolved and every literal typed against the schema.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// `deviceName eq 'PC-1'`; `value` is [`Value::Null`] only with `eq` and `ne`.
    Compare {
        property: &'static Property,
        op: CompareOp,
        value: Value,
    },
    /// `complianceState in ('compliant', 'inGracePeriod')`.
    In {
        property: &'static Property,
        values: Vec<Value>,
    },
    /// `startswith(deviceName, 'PC')`, on string properties only.
    Function {
        function: StringFunction,
        property: &'static Property,
        value: String,
    },
    Not(Box<Filter>),
    And(Box<Filter>, Box<Filter>),
    Or(Box<Filter>, Box<Filter>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CompareOp {
    pub const ALL: &'static [CompareOp] = &[
        CompareOp::Eq,
        CompareOp::Ne,
        CompareOp::Lt,
        CompareOp::Le,
        CompareOp::Gt,
        CompareOp::Ge,
    ];

    /// The OData keyword, e.g. `eq`.
    pub fn keyword(self) -> &'static str {
        match self {
            CompareOp::Eq => "eq",
            CompareOp::Ne => "ne",
            CompareOp::Lt => "lt",
            CompareOp::Le => "le",
            CompareOp::Gt => "gt",
            CompareOp::Ge => "ge",
        }
    }

    fn from_keyword(word: &str) -> Option<CompareOp> {
        CompareOp::ALL
            .iter()
            .copied()
            .find(|op| op.keyword() == word)
    }

    /// `lt`, `le`, `gt` and `ge`, which need an ordered type.
    pub fn is_ordering(self) -> bool {
        !matches!(self, CompareOp::Eq | CompareOp::Ne)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringFunction {
    StartsWith,
    EndsWith,
    Contains,
}

impl StringFunction {
    pub const ALL: &'static [StringFunction] = &[
        StringFunction::StartsWith,
        StringFunction::EndsWith,
        StringFunction::Contains,
    ];

    /// The OData function name, e.g. `startswith`.
    pub fn name(self) -> &'static str {
        match self {
            StringFunction::StartsWith => "startswith",
            StringFunction::EndsWith => "endswith",
            StringFunction::Contains => "contains",
        }
    }

    fn from_name(name: &str) -> Option<StringFunction> {
        StringFunction::ALL
            .iter()
            .copied()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }
}

/// A literal of the right type for its property; enum values are held as their wire names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    String(String),
    Integer(i64),
    Boolean(bool),
    /// Whole seconds, as every date of the API is.
    DateTime(DateTime<Utc>),
    Null,
}

/// Parses a `$filter` expression (already percent-decoded) against `schema`.
pub fn parse_filter(text: &str, schema: Schema) -> Result<Filter, ODataError> {
    let length = text.chars().count();
    if length > MAX_FILTER_LENGTH {
        return Err(error(format!("longer than {MAX_FILTER_LENGTH} characters")));
    }
    let mut parser = Parser {
        tokens: tokenize(text)?,
        index: 0,
        end: length + 1,
        schema,
    };
    let filter = parser.or(0)?;
    match parser.peek() {
        None => Ok(filter),
        Some(token) if token.kind == TokenKind::Close => Err(error(format!(
            "unbalanced ')' at position {}",
            token.position
        ))),
        Some(token) => Err(error(format!(
            "unexpected {} at position {}; expected 'and', 'or' or the end of the filter",
            token.kind, token.position
        ))),
    }
}

fn error(message: impl Into<String>) -> ODataError {
    ODataError::new(OPTION, message)
}

#[derive(Debug, Clone, PartialEq)]
enum TokenKind {
    /// A property name, keyword or function name: `deviceName`, `and`, `startswith`.
    Word(String),
    /// The content of a single-quoted string, `''` already unescaped.
    Quoted(String),
    /// An unquoted number or date and time, as written: `42`, `2026-11-01T00:00:00Z`.
    Bare(String),
    Open,
    Close,
    Comma,
}

impl fmt::Display for TokenKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenKind::Word(word) | TokenKind::Bare(word) => write!(f, "'{word}'"),
            TokenKind::Quoted(text) => write!(f, "{}", Value::String(text.clone())),
            TokenKind::Open => f.write_str("'('"),
            TokenKind::Close => f.write_str("')'"),
            TokenKind::Comma => f.write_str("','"),
        }
    }
}

#[derive(Debug)]
struct Token {
    kind: TokenKind,
    /// 1-based character position in the `$filter` text.
    position: usize,
}

fn tokenize(text: &str) -> Result<Vec<Token>, ODataError> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().enumerate().peekable();
    while let Some((index, c)) = chars.next() {
        let position = index + 1;
        let kind = match c {
            c if c.is_whitespace() => continue,
            '(' => TokenKind::Open,
            ')' => TokenKind::Close,
            ',' => TokenKind::Comma,
            '\'' => {
                let mut content = String::new();
                loop {
                    match chars.next() {
                        Some((_, '\'')) => {
                            if chars.next_if(|&(_, next)| next == '\'').is_none() {
                                break;
                            }
                            content.push('\'');
                        }
                        Some((_, c)) => content.push(c),
                        None => {
                            return Err(error(format!(
                                "the string starting at position {position} has no closing quote"
                            )));
                        }
                    }
                }
                TokenKind::Quoted(content)
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut word = String::from(c);
                while let Some((_, c)) =
                    chars.next_if(|&(_, c)| c.is_ascii_alphanumeric() || c == '_' || c == '/')
                {
                    word.push(c);
                }
                // Keywords are held in lowercase, so `AND` and `Eq` read as `and` and `eq`.
                match KEYWORDS
                    .iter()
                    .find(|keyword| keyword.eq_ignore_ascii_case(&word))
                {
                    Some(keyword) => TokenKind::Word((*keyword).to_owned()),
                    None => TokenKind::Word(word),
                }
            }
            c if c.is_ascii_digit()
                || (c == '-' && chars.peek().is_some_and(|(_, next)| next.is_ascii_digit())) =>
            {
                let mut bare = String::from(c);
                while let Some((_, c)) = chars.next_if(|&(_, c)| {
                    c.is_ascii_alphanumeric() || matches!(c, ':' | '.' | '+' | '-')
                }) {
                    bare.push(c);
                }
                TokenKind::Bare(bare)
            }
            c => {
                return Err(error(format!(
                    "unexpected character {c:?} at position {position}"
                )));
            }
        };
        tokens.push(Token { kind, position });
    }
    Ok(tokens)
}

/// Words that are never property names, so finding one where a property belongs is a syntax error.
const KEYWORDS: &[&str] = &[
    "and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "in", "true", "false", "null",
];

struct Parser {
    tokens: Vec<Token>,
    index: usize,
    /// The position just past the last character, where "expected …" at the end points.
    end: usize,
    schema: Schema,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.index)
    }

    fn peek_at(&self, offset: usize) -> Option<&TokenKind> {
        self.tokens
            .get(self.index + offset)
            .map(|token| &token.kind)
    }

    fn position(&self) -> usize {
        self.peek().map_or(self.end, |token| token.position)
    }

    fn advance(&mut self) -> Option<&Token> {
        let token = self.tokens.get(self.index);
        self.index += 1;
        token
    }

    /// Consumes the keyword `word` if it comes next.
    fn eat(&mut self, word: &str) -> bool {
        let found = matches!(self.peek_at(0), Some(TokenKind::Word(w)) if w == word);
        if found {
            self.index += 1;
        }
        found
    }

    /// Consumes the next token if it is `kind`, or says what was expected there.
    fn expect(&mut self, kind: TokenKind, expected: &str) -> Result<(), ODataError> {
        if self.peek_at(0) == Some(&kind) {
            self.index += 1;
            Ok(())
        } else {
            Err(self.unexpected(expected))
        }
    }

    /// "expected X at position N", naming what was found instead.
    fn unexpected(&self, expected: &str) -> ODataError {
        let position = self.position();
        match self.peek() {
            None => error(format!("expected {expected} at position {position}")),
            Some(token) => error(format!(
                "expected {expected} at position {position}, found {}",
                token.kind
            )),
        }
    }

    /// Enters one more level of parentheses or `not`, refusing past [`MAX_FILTER_DEPTH`].
    fn deeper(&self, depth: usize) -> Result<usize, ODataError> {
        if depth >= MAX_FILTER_DEPTH {
            Err(error(format!(
                "nested more than {MAX_FILTER_DEPTH} levels deep at position {}",
                self.position()
            )))
        } else {
            Ok(depth + 1)
        }
    }

    fn or(&mut self, depth: usize) -> Result<Filter, ODataError> {
        let mut left = self.and(depth)?;
        while self.eat("or") {
            let right = self.and(depth)?;
            left = Filter::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self, depth: usize) -> Result<Filter, ODataError> {
        let mut left = self.unary(depth)?;
        while self.eat("and") {
            let right = self.unary(depth)?;
            left = Filter::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self, depth: usize) -> Result<Filter, ODataError> {
        if matches!(self.peek_at(0), Some(TokenKind::Word(w)) if w == "not") {
            let depth = self.deeper(depth)?;
            self.index += 1;
            Ok(Filter::Not(Box::new(self.unary(depth)?)))
        } else {
            self.primary(depth)
        }
    }

    fn primary(&mut self, depth: usize) -> Result<Filter, ODataError> {
        let expected = "a condition (a property, a function, 'not' or '(')";
        match self.peek_at(0) {
            Some(TokenKind::Open) => {
                let depth = self.deeper(depth)?;
                let open = self.position();
                self.index += 1;
                let inner = self.or(depth)?;
                match self.peek() {
                    Some(token) if token.kind == TokenKind::Close => {
                        self.index += 1;
                        Ok(inner)
                    }
                    Some(token) => Err(error(format!(
                        "expected ')' at position {} to close the '(' at position {open}, found {}",
                        token.position, token.kind
                    ))),
                    None => Err(error(format!("the '(' at position {open} is never closed"))),
                }
            }
            Some(TokenKind::Word(word)) if !KEYWORDS.contains(&word.as_str()) => {
                let word = word.clone();
                if self.peek_at(1) == Some(&TokenKind::Open) {
                    self.function(&word)
                } else {
                    self.comparison(&word)
                }
            }
            _ => Err(self.unexpected(expected)),
        }
    }

    /// A property named by the next token, which must be a word.
    fn property(&mut self, expected: &str) -> Result<&'static Property, ODataError> {
        match self.peek_at(0) {
            Some(TokenKind::Word(name)) => {
                let property = lookup_queryable(self.schema, name, OPTION)?;
                self.index += 1;
                Ok(property)
            }
            _ => Err(self.unexpected(expected)),
        }
    }

    fn function(&mut self, name: &str) -> Result<Filter, ODataError> {
        let position = self.position();
        let function = StringFunction::from_name(name).ok_or_else(|| {
            error(format!(
                "unsupported function '{name}' at position {position}; \
                 the functions are startswith, endswith and contains"
            ))
        })?;
        self.index += 2;
        let property = self.property("a property name")?;
        if property.kind != PropertyKind::String {
            return Err(error(format!(
                "{name}() works on text only, and '{}' is {}",
                property.name,
                describe_kind(property.kind)
            )));
        }
        self.expect(TokenKind::Comma, "','")?;
        let value = match self.peek_at(0) {
            Some(TokenKind::Quoted(text)) => text.clone(),
            _ => return Err(self.unexpected("a quoted string like 'text'")),
        };
        self.index += 1;
        self.expect(TokenKind::Close, "')'")?;
        let call = Filter::Function {
            function,
            property,
            value,
        };
        // `startswith(…) eq true` is how some clients spell the bare call.
        let op = if self.eat("eq") {
            CompareOp::Eq
        } else if self.eat("ne") {
            CompareOp::Ne
        } else {
            return Ok(call);
        };
        let expected = match self.peek_at(0) {
            Some(TokenKind::Word(word)) if word == "true" => true,
            Some(TokenKind::Word(word)) if word == "false" => false,
            _ => {
                return Err(self.unexpected(&format!("true or false after '{}'", op.keyword())));
            }
        };
        self.index += 1;
        if (op == CompareOp::Eq) == expected {
            Ok(call)
        } else {
            Ok(Filter::Not(Box::new(call)))
        }
    }

    fn comparison(&mut self, name: &str) -> Result<Filter, ODataError> {
        let property = lookup_queryable(self.schema, name, OPTION)?;
        self.index += 1;
        let operator = match self.peek_at(0) {
            Some(TokenKind::Word(word)) => Some(word.clone()),
            _ => None,
        };
        if operator.as_deref() == Some("in") {
            self.index += 1;
            return self.in_list(property);
        }
        let Some(op) = operator.as_deref().and_then(CompareOp::from_keyword) else {
            if property.kind == PropertyKind::Boolean {
                // A bare boolean property, `isEncrypted`, means `isEncrypted eq true`.
                return Ok(Filter::Compare {
                    property,
                    op: CompareOp::Eq,
                    value: Value::Boolean(true),
                });
            }
            return Err(self.unexpected(&format!(
                "an operator (eq, ne, lt, le, gt, ge or in) after '{name}'"
            )));
        };
        if op.is_ordering()
            && matches!(property.kind, PropertyKind::Boolean | PropertyKind::Enum(_))
        {
            return Err(error(format!(
                "'{}' cannot compare '{name}', which is {}; use eq, ne or in",
                op.keyword(),
                describe_kind(property.kind)
            )));
        }
        self.index += 1;
        let position = self.position();
        let value = self.value(property, op.keyword())?;
        if value == Value::Null && op.is_ordering() {
            return Err(error(format!(
                "null at position {position} can only be compared with eq or ne"
            )));
        }
        Ok(compare_in_whole_seconds(property, op, value))
    }

    fn in_list(&mut self, property: &'static Property) -> Result<Filter, ODataError> {
        self.expect(TokenKind::Open, "'(' to start the list after 'in'")?;
        let mut values = Vec::new();
        loop {
            let position = self.position();
            let value = self.value(property, if values.is_empty() { "(" } else { "," })?;
            if value == Value::Null {
                return Err(error(format!(
                    "null at position {position} cannot be in a list; use eq null"
                )));
            }
            values.push(value);
            match self.peek_at(0) {
                Some(TokenKind::Comma) => self.index += 1,
                Some(TokenKind::Close) => {
                    self.index += 1;
                    // A date with a fraction of a second equals no stored date.
                    let (whole, fractional): (Vec<_>, Vec<_>) =
                        values.into_iter().partition(|value| !has_fraction(value));
                    return Ok(match fractional.into_iter().next() {
                        Some(never) if whole.is_empty() => {
                            compare_in_whole_seconds(property, CompareOp::Eq, never)
                        }
                        _ => Filter::In {
                            property,
                            values: whole,
                        },
                    });
                }
                _ => return Err(self.unexpected("',' or ')' in the list after 'in'")),
            }
        }
    }

    /// The literal after `after`, checked against the type of `property`.
    fn value(&mut self, property: &'static Property, after: &str) -> Result<Value, ODataError> {
        let position = self.position();
        let token = match self.advance() {
            Some(token)
                if matches!(
                    token.kind,
                    TokenKind::Word(_) | TokenKind::Quoted(_) | TokenKind::Bare(_)
                ) =>
            {
                token
            }
            _ => {
                return Err(error(format!(
                    "expected a value after '{after}' at position {position}"
                )));
            }
        };
        let value = match (&token.kind, property.kind) {
            (TokenKind::Word(word), _) if word == "null" => Some(Value::Null),
            (TokenKind::Word(word), PropertyKind::Boolean) if word == "true" => {
                Some(Value::Boolean(true))
            }
            (TokenKind::Word(word), PropertyKind::Boolean) if word == "false" => {
                Some(Value::Boolean(false))
            }
            (TokenKind::Quoted(text), PropertyKind::String) => Some(Value::String(text.clone())),
            (TokenKind::Quoted(text), PropertyKind::Enum(allowed)) => {
                let canonical = allowed
                    .iter()
                    .find(|value| value.eq_ignore_ascii_case(text));
                let Some(canonical) = canonical else {
                    return Err(error(format!(
                        "'{text}' at position {position} is not a valid {}; expected one of {}",
                        property.name,
                        allowed.join(", ")
                    )));
                };
                Some(Value::String((*canonical).to_owned()))
            }
            (TokenKind::Bare(text) | TokenKind::Quoted(text), PropertyKind::DateTime) => {
                Some(Value::DateTime(parse_date_time(text, position)?))
            }
            (TokenKind::Bare(text), PropertyKind::Integer) => {
                let number = text.parse().map_err(|_| {
                    error(format!(
                        "'{text}' at position {position} is not a whole number \
                         from -9223372036854775808 to 9223372036854775807"
                    ))
                })?;
                Some(Value::Integer(number))
            }
            _ => None,
        };
        value.ok_or_else(|| {
            error(format!(
                "'{}' is {}, so the value at position {position} must be {}, not {}",
                property.name,
                describe_kind(property.kind),
                expected_literal(property.kind),
                token.kind
            ))
        })
    }
}

fn has_fraction(value: &Value) -> bool {
    matches!(value, Value::DateTime(date) if date.timestamp_subsec_nanos() != 0)
}

/// The comparison, on whole seconds as every stored date is: scripts send PowerShell's
/// `2026-06-01T00:00:00.0000000Z`, and `ge` a fraction past a second means from the next one.
fn compare_in_whole_seconds(property: &'static Property, op: CompareOp, value: Value) -> Filter {
    let Value::DateTime(date) = value else {
        return Filter::Compare {
            property,
            op,
            value,
        };
    };
    let floor = date.trunc_subsecs(0);
    if floor == date {
        return Filter::Compare {
            property,
            op,
            value,
        };
    }
    let ceiling = floor + chrono::TimeDelta::seconds(1);
    let compare = |op, date| Filter::Compare {
        property,
        op,
        value: Value::DateTime(date),
    };
    match op {
        CompareOp::Gt | CompareOp::Le => compare(op, floor),
        CompareOp::Ge | CompareOp::Lt => compare(op, ceiling),
        CompareOp::Eq => Filter::And(
            Box::new(compare(CompareOp::Gt, floor)),
            Box::new(compare(CompareOp::Lt, ceiling)),
        ),
        CompareOp::Ne => Filter::Or(
            Box::new(compare(CompareOp::Le, floor)),
            Box::new(compare(CompareOp::Ge, ceiling)),
        ),
    }
}

/// An ISO 8601 date and time with an offset, between years 0 and 9999 (UTC).
fn parse_date_time(text: &str, position: usize) -> Result<DateTime<Utc>, ODataError> {
    let invalid = || {
        error(format!(
            "'{text}' at position {position} is not a date and time like 2026-11-01T00:00:00Z"
        ))
    };
    let parsed = DateTime::parse_from_rfc3339(text).map_err(|_| invalid())?;
    let utc = parsed.with_timezone(&Utc);
    if !(0..=9999).contains(&utc.year()) {
        return Err(invalid());
    }
    Ok(utc)
}

fn describe_kind(kind: PropertyKind) -> &'static str {
    match kind {
        PropertyKind::String => "text",
        PropertyKind::Enum(_) => "an enumeration",
        PropertyKind::Integer => "a whole number",
        PropertyKind::Boolean => "true or false",
        PropertyKind::DateTime => "a date and time",
        PropertyKind::SelectOnly(_) => "selectable only",
    }
}

fn expected_literal(kind: PropertyKind) -> &'static str {
    match kind {
        PropertyKind::String => "a quoted string like 'text'",
        PropertyKind::Enum(_) => "one of its values, quoted like 'value'",
        PropertyKind::Integer => "a whole number like 42",
        PropertyKind::Boolean => "true or false",
        PropertyKind::DateTime => "a date and time like 2026-11-01T00:00:00Z",
        PropertyKind::SelectOnly(_) => "no literal: it is selectable only",
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::String(text) => write!(f, "'{}'", text.replace('\'', "''")),
            Value::Integer(number) => write!(f, "{number}"),
            Value::Boolean(value) => write!(f, "{value}"),
            Value::DateTime(value) => {
                f.write_str(&value.to_rfc3339_opts(SecondsFormat::Secs, true))
            }
            Value::Null => f.write_str("null"),
        }
    }
}

/// Canonical OData text, parenthesised only where needed, that parses back to the same tree.
impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Filter::Compare {
                property,
                op,
                value,
            } => write!(f, "{} {} {value}", property.name, op.keyword()),
            Filter::In { property, values } => {
                write!(f, "{} in (", property.name)?;
                for (index, value) in values.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{value}")?;
                }
                f.write_str(")")
            }
            Filter::Function {
                function,
                property,
                value,
            } => write!(
                f,
                "{}({}, {})",
                function.name(),
                property.name,
                Value::String(value.clone())
            ),
            Filter::Not(inner) => match **inner {
                Filter::Function { .. } => write!(f, "not {inner}"),
                _ => write!(f, "not ({inner})"),
            },
            // `and` binds tighter than `or`, and both group to the left.
            Filter::And(left, right) => {
                write_operand(f, left, matches!(**left, Filter::Or(..)))?;
                f.write_str(" and ")?;
                write_operand(
                    f,
                    right,
                    matches!(**right, Filter::Or(..) | Filter::And(..)),
                )
            }
            Filter::Or(left, right) => {
                write!(f, "{left} or ")?;
                write_operand(f, right, matches!(**right, Filter::Or(..)))
            }
        }
    }
}

fn write_operand(f: &mut fmt::Formatter<'_>, operand: &Filter, parenthesise: bool) -> fmt::Result {
    if parenthesise {
        write!(f, "({operand})")
    } else {
        write!(f, "{operand}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::odata::MANAGED_DEVICE;

    fn parse(text: &str) -> Result<Filter, ODataError> {
        parse_filter(text, MANAGED_DEVICE)
    }

    /// The error's full text, as the API's `error.message` shows it.
    fn rejection(text: &str) -> String {
        match parse(text) {
            Ok(filter) => panic!("{text:?} was accepted as {filter:?}"),
            Err(error) => error.to_string(),
        }
    }

    fn property(name: &str) -> &'static Property {
        match lookup_queryable(MANAGED_DEVICE, name, OPTION) {
            Ok(property) => property,
            Err(error) => panic!("{error}"),
        }
    }

    fn compare(name: &str, op: CompareOp, value: Value) -> Filter {
        Filter::Compare {
            property: property(name),
            op,
            value,
        }
    }

    fn text(value: &str) -> Value {
        Value::String(value.to_owned())
    }

    fn date(value: &str) -> Value {
        match value.parse() {
            Ok(date) => Value::DateTime(date),
            Err(error) => panic!("{value}: {error}"),
        }
    }

    #[test]
    fn a_comparison_has_a_property_an_operator_and_a_typed_value() {
        assert_eq!(
            parse("deviceName eq 'PC-1'"),
            Ok(compare("deviceName", CompareOp::Eq, text("PC-1")))
        );
        assert_eq!(
            parse("totalStorageSpaceInBytes ge -5"),
            Ok(compare(
                "totalStorageSpaceInBytes",
                CompareOp::Ge,
                Value::Integer(-5)
            ))
        );
        assert_eq!(
            parse("isEncrypted ne false"),
            Ok(compare("isEncrypted", CompareOp::Ne, Value::Boolean(false)))
        );
        assert_eq!(
            parse("lastSyncDateTime lt 2026-11-01T00:00:00Z"),
            Ok(compare(
                "lastSyncDateTime",
                CompareOp::Lt,
                date("2026-11-01T00:00:00Z")
            ))
        );
        assert_eq!(
            parse("configurationManagerClientInformation/clientVersion eq null"),
            Ok(compare(
                "configurationManagerClientInformation/clientVersion",
                CompareOp::Eq,
                Value::Null
            ))
        );
    }

    #[test]
    fn every_comparison_operator_is_understood() {
        for op in CompareOp::ALL {
            let filter = parse(&format!("freeStorageSpaceInBytes {} 7", op.keyword()));
            assert_eq!(
                filter,
                Ok(compare("freeStorageSpaceInBytes", *op, Value::Integer(7)))
            );
        }
    }

    #[test]
    fn strings_double_their_quotes() {
        assert_eq!(
            parse("userDisplayName eq 'O''Brien'''"),
            Ok(compare("userDisplayName", CompareOp::Eq, text("O'Brien'")))
        );
        assert_eq!(
            parse("model eq ''"),
            Ok(compare("model", CompareOp::Eq, text("")))
        );
    }

    #[test]
    fn dates_may_be_quoted_and_carry_an_offset_but_are_held_in_utc() {
        assert_eq!(
            parse("enrolledDateTime gt '2026-11-01T02:00:00+02:00'"),
            Ok(compare(
                "enrolledDateTime",
                CompareOp::Gt,
                date("2026-11-01T00:00:00Z")
            ))
        );
        assert_eq!(
            parse("enrolledDateTime gt 2026-11-01T00:00:00.000Z"),
            Ok(compare(
                "enrolledDateTime",
                CompareOp::Gt,
                date("2026-11-01T00:00:00Z")
            ))
        );
    }

    #[test]
    fn enum_values_are_checked_and_held_as_their_wire_names() {
        assert_eq!(
            parse("complianceState eq 'InGracePeriod'"),
            Ok(compare(
                "complianceState",
                CompareOp::Eq,
                text("inGracePeriod")
            ))
        );
        assert_eq!(
            rejection("complianceState eq 'green'"),
            "Invalid $filter: 'green' at position 20 is not a valid complianceState; expected one \
             of compliant, noncompliant, inGracePeriod, unknown, conflict, error, configManager."
        );
    }

    #[test]
    fn in_takes_a_parenthesised_list_of_values() {
        assert_eq!(
            parse("managementAgent in ('mdm', 'configurationManagerClient')"),
            Ok(Filter::In {
                property: property("managementAgent"),
                values: vec![text("mdm"), text("configurationManagerClient")],
            })
        );
        assert!(rejection("managementAgent in ()").contains("expected a value after '('"));
        assert!(rejection("managementAgent in ('mdm'").contains("expected ',' or ')'"));
        assert!(
            rejection("model in ('a', null)").contains("null at position 16 cannot be in a list")
        );
    }

    #[test]
    fn and_binds_tighter_than_or_and_both_group_to_the_left() {
        let a = || compare("deviceName", CompareOp::Eq, text("a"));
        let b = || compare("model", CompareOp::Eq, text("b"));
        let c = || compare("imei", CompareOp::Eq, text("c"));
        let and = |l, r| Filter::And(Box::new(l), Box::new(r));
        let or = |l, r| Filter::Or(Box::new(l), Box::new(r));
        assert_eq!(
            parse("deviceName eq 'a' or model eq 'b' and imei eq 'c'"),
            Ok(or(a(), and(b(), c())))
        );
        assert_eq!(
            parse("deviceName eq 'a' and model eq 'b' or imei eq 'c'"),
            Ok(or(and(a(), b()), c()))
        );
        assert_eq!(
            parse("deviceName eq 'a' and model eq 'b' and imei eq 'c'"),
            Ok(and(and(a(), b()), c()))
        );
        assert_eq!(
            parse("deviceName eq 'a' and (model eq 'b' or imei eq 'c')"),
            Ok(and(a(), or(b(), c())))
        );
    }

    #[test]
    fn not_applies_to_the_condition_that_follows_it() {
        let a = compare("deviceName", CompareOp::Eq, text("a"));
        let b = compare("model", CompareOp::Eq, text("b"));
        assert_eq!(
            parse("not deviceName eq 'a' and model eq 'b'"),
            Ok(Filter::And(
                Box::new(Filter::Not(Box::new(a.clone()))),
                Box::new(b.clone())
            ))
        );
        assert_eq!(
            parse("not (deviceName eq 'a' and model eq 'b')"),
            Ok(Filter::Not(Box::new(Filter::And(Box::new(a), Box::new(b)))))
        );
    }

    #[test]
    fn string_functions_are_conditions_of_their_own() {
        let starts = Filter::Function {
            function: StringFunction::StartsWith,
            property: property("deviceName"),
            value: "PC".to_owned(),
        };
        assert_eq!(parse("startswith(deviceName,'PC')"), Ok(starts.clone()));
        assert_eq!(
            parse("startswith( deviceName , 'PC' ) eq true"),
            Ok(starts.clone())
        );
        assert_eq!(
            parse("startswith(deviceName,'PC') ne false"),
            Ok(starts.clone())
        );
        assert_eq!(
            parse("startswith(deviceName,'PC') eq false"),
            Ok(Filter::Not(Box::new(starts)))
        );
        assert_eq!(
            parse("endswith(serialNumber,'9') or contains(emailAddress,'@contoso')"),
            Ok(Filter::Or(
                Box::new(Filter::Function {
                    function: StringFunction::EndsWith,
                    property: property("serialNumber"),
                    value: "9".to_owned(),
                }),
                Box::new(Filter::Function {
                    function: StringFunction::Contains,
                    property: property("emailAddress"),
                    value: "@contoso".to_owned(),
                })
            ))
        );
    }

    #[test]
    fn a_bare_boolean_property_means_it_is_true() {
        assert_eq!(
            parse("isOnline"),
            Ok(compare("isOnline", CompareOp::Eq, Value::Boolean(true)))
        );
    }

    #[test]
    fn an_unknown_property_is_named() {
        assert_eq!(
            rejection("foo eq 1"),
            "Invalid $filter: unknown property 'foo'."
        );
        assert_eq!(
            rejection("Device_Name eq 'x'"),
            "Invalid $filter: unknown property 'Device_Name'."
        );
        assert_eq!(
            rejection("contains(foo,'x')"),
            "Invalid $filter: unknown property 'foo'."
        );
    }

    #[test]
    fn a_missing_value_is_pointed_at() {
        assert_eq!(
            rejection("deviceName eq"),
            "Invalid $filter: expected a value after 'eq' at position 14."
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_is_refused() {
        assert_eq!(
            rejection("isEncrypted eq 'yes'"),
            "Invalid $filter: 'isEncrypted' is true or false, so the value at position 16 must \
             be true or false, not 'yes'."
        );
        assert!(rejection("deviceName eq 42").contains("must be a quoted string like 'text'"));
        assert!(rejection("totalStorageSpaceInBytes eq '42'").contains("must be a whole number"));
        assert!(
            rejection("totalStorageSpaceInBytes eq 4.5")
                .contains("'4.5' at position 29 is not a whole number")
        );
        assert!(
            rejection("totalStorageSpaceInBytes eq 99999999999999999999")
                .contains("not a whole number")
        );
        assert!(rejection("lastSyncDateTime eq 42").contains("not a date and time"));
        assert!(
            rejection("lastSyncDateTime eq 2026-13-01T00:00:00Z").contains("not a date and time")
        );
        assert!(rejection("lastSyncDateTime eq true").contains("must be a date and time"));
        assert!(rejection("complianceState eq compliant").contains("must be one of its values"));
    }

    #[test]
    fn dates_with_a_fraction_of_a_second_compare_as_whole_seconds_do() {
        let at = |op: &str, date: &str| parse(&format!("lastSyncDateTime {op} {date}"));
        let fraction = "2026-06-01T00:00:00.0000001Z";
        assert_eq!(at("ge", fraction), at("ge", "2026-06-01T00:00:01Z"));
        assert_eq!(at("lt", fraction), at("lt", "2026-06-01T00:00:01Z"));
        assert_eq!(at("gt", fraction), at("gt", "2026-06-01T00:00:00Z"));
        assert_eq!(
            at("le", "2026-06-01T00:00:00.9Z"),
            at("le", "2026-06-01T00:00:00Z")
        );
        assert_eq!(
            at("eq", fraction),
            parse(
                "lastSyncDateTime gt 2026-06-01T00:00:00Z and \
                 lastSyncDateTime lt 2026-06-01T00:00:01Z"
            )
        );
        assert_eq!(
            at("ne", fraction),
            parse(
                "lastSyncDateTime le 2026-06-01T00:00:00Z or \
                 lastSyncDateTime ge 2026-06-01T00:00:01Z"
            )
        );
        assert_eq!(
            at("in", "(2026-06-01T00:00:00.5Z, 2026-06-02T00:00:00Z)"),
            at("in", "(2026-06-02T00:00:00Z)")
        );
        assert_eq!(
            at("in", "(2026-06-01T00:00:00.5Z)"),
            at("eq", "2026-06-01T00:00:00.5Z")
        );
        assert_eq!(
            at("ge", "2026-06-01T00:00:00.000Z"),
            at("ge", "2026-06-01T00:00:00Z")
        );
    }

    #[test]
    fn dates_are_within_four_digit_years() {
        assert!(
            rejection("lastSyncDateTime lt 9999-12-31T23:00:00-05:00")
                .contains("not a date and time")
        );
    }

    #[test]
    fn ordering_needs_an_ordered_type_and_null_only_compares_for_equality() {
        assert_eq!(
            rejection("isEncrypted gt false"),
            "Invalid $filter: 'gt' cannot compare 'isEncrypted', which is true or false; use eq, \
             ne or in."
        );
        assert!(rejection("complianceState lt 'error'").contains("which is an enumeration"));
        assert_eq!(
            rejection("deviceName lt null"),
            "Invalid $filter: null at position 15 can only be compared with eq or ne."
        );
    }

    #[test]
    fn string_functions_need_a_text_property_and_a_quoted_string() {
        assert_eq!(
            rejection("contains(complianceState,'comp')"),
            "Invalid $filter: contains() works on text only, and 'complianceState' is an \
             enumeration."
        );
        assert!(rejection("startswith(deviceName,42)").contains("expected a quoted string"));
        assert!(rejection("tolower(deviceName) eq 'x'").contains("unsupported function 'tolower'"));
        assert!(
            rejection("startswith(deviceName,'x') eq 1")
                .contains("expected true or false after 'eq'")
        );
    }

    #[test]
    fn keywords_functions_and_properties_read_in_any_case_as_graph_reads_them() {
        assert_eq!(
            parse("OperatingSystem EQ 'Android' AND NOT IsEncrypted"),
            parse("operatingSystem eq 'Android' and not isEncrypted")
        );
        assert_eq!(
            parse("startsWith(DEVICENAME,'DESK') Or serialnumber Eq 'X' or isOnline eq TRUE"),
            parse("startswith(deviceName,'DESK') or serialNumber eq 'X' or isOnline eq true")
        );
        assert_eq!(
            parse("managementAgent In ('MDM', 'configurationmanagerclientmdm')"),
            parse("managementAgent in ('mdm', 'configurationManagerClientMdm')")
        );
        assert_eq!(
            rejection("deviceName EQUALS 'a'"),
            "Invalid $filter: expected an operator (eq, ne, lt, le, gt, ge or in) after \
             'deviceName' at position 12, found 'EQUALS'."
        );
    }

    #[test]
    fn parentheses_must_balance() {
        assert_eq!(
            rejection("(isOnline"),
            "Invalid $filter: the '(' at position 1 is never closed."
        );
        assert_eq!(
            rejection("isOnline)"),
            "Invalid $filter: unbalanced ')' at position 9."
        );
        assert!(rejection("()").contains("expected a condition"));
        assert!(rejection("(isOnline isEncrypted)").contains(
            "expected ')' at position 11 to close the '(' at position 1, found 'isEncrypted'"
        ));
    }

    #[test]
    fn trailing_garbage_is_refused() {
        assert_eq!(
            rejection("deviceName eq 'a' model"),
            "Invalid $filter: unexpected 'model' at position 19; expected 'and', 'or' or the end \
             of the filter."
        );
        assert!(rejection("deviceName eq 'a' and").contains("expected a condition"));
        assert!(
            rejection("deviceName eq 'a' ;").contains("unexpected character ';' at position 19")
        );
        assert!(
            rejection("deviceName eq 'a")
                .contains("the string starting at position 15 has no closing quote")
        );
    }

    #[test]
    fn an_empty_filter_is_refused() {
        assert!(rejection("").contains("expected a condition"));
        assert!(rejection("   ").contains("expected a condition"));
    }

    #[test]
    fn nesting_is_limited_so_hostile_input_cannot_exhaust_the_stack() {
        let deep = |levels: usize| format!("{}isOnline{}", "(".repeat(levels), ")".repeat(levels));
        assert!(parse(&deep(MAX_FILTER_DEPTH)).is_ok());
        assert!(rejection(&deep(MAX_FILTER_DEPTH + 1)).contains("nested more than 32 levels deep"));
        assert!(rejection(&"not ".repeat(1000)).contains("nested more than 32 levels deep"));
        assert!(rejection(&"(".repeat(4000)).contains("nested more than 32 levels deep"));
        assert_eq!(
            rejection(&"(".repeat(MAX_FILTER_LENGTH + 1)),
            "Invalid $filter: longer than 4096 characters."
        );
    }

    #[test]
    fn long_chains_of_and_stay_flat_enough_to_walk() {
        let chain = vec!["isOnline eq true"; 190].join(" and ");
        let filter = parse(&chain);
        assert!(filter.is_ok());
        let printed = filter.map(|f| f.to_string());
        assert_eq!(printed.as_deref(), Ok(chain.as_str()));
    }

    #[test]
    fn printing_gives_canonical_odata_that_parses_back() {
        for (input, canonical) in [
            ("deviceName   eq 'it''s'", "deviceName eq 'it''s'"),
            ("(isOnline)", "isOnline eq true"),
            (
                "isOnline or isEncrypted and imei ne null",
                "isOnline eq true or isEncrypted eq true and imei ne null",
            ),
            (
                "(isOnline or isEncrypted) and model eq 'x'",
                "(isOnline eq true or isEncrypted eq true) and model eq 'x'",
            ),
            (
                "isOnline and (isEncrypted and model eq 'x')",
                "isOnline eq true and (isEncrypted eq true and model eq 'x')",
            ),
            (
                "isOnline or (isEncrypted or model eq 'x')",
                "isOnline eq true or (isEncrypted eq true or model eq 'x')",
            ),
            ("not not isOnline", "not (not (isOnline eq true))"),
            ("contains(model,'x') eq false", "not contains(model, 'x')"),
            (
                "joinType in ('unknown','azureADJoined')",
                "joinType in ('unknown', 'azureADJoined')",
            ),
            (
                "lastSyncDateTime ge '2026-11-01T00:00:00+01:00'",
                "lastSyncDateTime ge 2026-10-31T23:00:00Z",
            ),
        ] {
            let filter = parse(input);
            assert_eq!(
                filter.as_ref().map(|f| f.to_string()).as_deref(),
                Ok(canonical),
                "{input}"
            );
            assert_eq!(parse(canonical), filter, "{canonical}");
        }
    }
}
