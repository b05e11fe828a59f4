//! All YAML I/O of weijian. serde_yaml is deprecated upstream; keeping every call here means
//! a replacement touches one file.

use serde::{Serialize, de::DeserializeOwned};

/// Serialises a value as YAML.
pub fn to_string<T: Serialize>(value: &T) -> crate::Result<String> {
    serde_yaml::to_string(value).map_err(|e| crate::Error::Serialise(e.to_string()))
}

/// Why a YAML text could not be read into a value, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// What is wrong, without the position.
    pub message: String,
    /// 1-based line and column, when known.
    pub location: Option<(usize, usize)>,
    /// Whether a resource limit (nesting depth, alias repetition) was hit.
    pub limit: bool,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.location {
            Some((line, column)) => write!(f, "{} (line {line}, column {column})", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for YamlError {}

/// Parses a value from YAML text. serde_yaml bounds nesting depth and alias expansion, so an
/// alias bomb is an error, not an allocation.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| {
        let full = e.to_string();
        let message = full.split(" at line ").next().unwrap_or(&full).to_string();
        YamlError {
            limit: message.contains("recursion limit") || message.contains("repetition limit"),
            location: e.location().map(|l| (l.line(), l.column())),
            message,
        }
    })
}

/// Where a node of a YAML text stands: 1-based line and column (in characters), the length
/// of its first line of text in characters, and, for a mapping value, where its key stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodePosition {
    /// 1-based line of the node.
    pub line: usize,
    /// 1-based column of the node, in characters.
    pub column: usize,
    /// Characters of the node's text on its first line (1 for a collection).
    pub len: usize,
    /// Line and column of the key, for a mapping value.
    pub key: Option<(usize, usize, usize)>,
}

/// The position of every node of a YAML text, by JSON pointer (`/metrics/3/value`), read with
/// yaml-rust2's event parser (serde_yaml keeps no positions). Aliases are not expanded: an
/// alias is one node where it stands. Returns the syntax error's message, line and column when
/// the text is not YAML.
pub fn node_positions(text: &str) -> Result<Vec<(String, NodePosition)>, (String, usize, usize)> {
    use yaml_rust2::parser::{Event, Parser};
    use yaml_rust2::scanner::TScalarStyle;

    enum Frame {
        Map {
            pointer: String,
            key: Option<(String, usize, usize, usize)>,
            /// index in `out` of the mapping, placed at its first key when that comes
            node: Option<usize>,
        },
        Seq {
            pointer: String,
            next: usize,
        },
    }
    let mut out: Vec<(String, NodePosition)> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut parser = Parser::new_from_str(text);
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            (
                e.info().to_string(),
                e.marker().line(),
                e.marker().col() + 1,
            )
        })?;
        let (line, column) = (mark.line(), mark.col() + 1);
        let len = match &event {
            Event::Scalar(v, style, _, _) => {
                let first = v.lines().next().unwrap_or("").chars().count().max(1);
                match style {
                    TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => first + 2,
                    TScalarStyle::Plain => first,
                    _ => 1,
                }
            }
            _ => 1,
        };
        match event {
            Event::StreamEnd => break,
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                continue;
            }
            Event::Scalar(..)
            | Event::Alias(_)
            | Event::MappingStart(..)
            | Event::SequenceStart(..) => {}
            _ => continue,
        }
        // a scalar where a mapping expects a key is the key
        if let (
            Some(Frame::Map {
                key: key @ None,
                node,
                ..
            }),
            Event::Scalar(v, ..),
        ) = (stack.last_mut(), &event)
        {
            *key = Some((v.clone(), line, column, len));
            if let Some(i) = node.take() {
                out[i].1.line = line;
                out[i].1.column = column;
                out[i].1.len = len;
            }
            continue;
        }
        let (pointer, key) = match stack.last_mut() {
            None => (String::new(), None),
            Some(Frame::Seq { pointer, next }) => {
                *next += 1;
                (format!("{pointer}/{}", *next - 1), None)
            }
            Some(Frame::Map { pointer, key, .. }) => match key.take() {
                Some((k, kl, kc, klen)) => (
                    format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1")),
                    Some((kl, kc, klen)),
                ),
                // a collection used as a key: its nodes have no pointer of their own
                None => (format!("{pointer}/?"), None),
            },
        };
        out.push((
            pointer.clone(),
            NodePosition {
                line,
                column,
                len,
                key,
            },
        ));
        match event {
            Event::MappingStart(..) => stack.push(Frame::Map {
                pointer,
                key: None,
                node: Some(out.len() - 1),
            }),
            Event::SequenceStart(..) => stack.push(Frame::Seq { pointer, next: 0 }),
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_by_pointer() {
        let text = "a: 1\nlist:\n  - x\n  - {b: \"two\"}\n\"c/d\": [1, 2]\n";
        let found = node_positions(text).unwrap();
        let at = |p: &str| found.iter().find(|(q, _)| q == p).map(|(_, n)| *n).unwrap();
        assert_eq!((at("/a").line, at("/a").column), (1, 4));
        // a mapping stands where its first key does
        assert_eq!((at("").line, at("").column), (1, 1));
        assert_eq!((at("/list/1").line, at("/list/1").column), (4, 6));
        assert_eq!(at("/a").key, Some((1, 1, 1)));
        assert_eq!((at("/list/0").line, at("/list/0").column), (3, 5));
        assert_eq!(
            (
                at("/list/1/b").line,
                at("/list/1/b").column,
                at("/list/1/b").len
            ),
            (4, 9, 5)
        );
        assert_eq!((at("/c~1d/1").line, at("/c~1d/1").column), (5, 12));
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let (_, line, _) = node_positions("a: 1\nb: [1, 2\n").unwrap_err();
        assert!(line >= 2);
    }
}
