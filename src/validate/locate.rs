//! Where a JSON pointer stands in the submitted text: line, column and length of the node,
//! and of its key. JSON is read with jsonc-parser, YAML through [`crate::yaml`].

use rustc_hash::FxHashMap;

/// A place in a text: 1-based line and column (in characters) and the length to underline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Characters to underline on that line.
    pub len: usize,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    value: Position,
    key: Option<Position>,
}

/// The positions of the nodes of one submitted text, by JSON pointer.
#[derive(Debug, Default)]
pub struct Locations {
    nodes: FxHashMap<String, Node>,
}

impl Locations {
    /// The positions of a JSON text (empty when it does not parse). Call it on text
    /// serde_json has accepted, whose nesting is therefore bounded.
    pub fn of_json(text: &str) -> Locations {
        use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};
        let mut nodes = FxHashMap::default();
        if let Ok(parsed) = parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default())
            && let Some(value) = parsed.value
        {
            let index = LineIndex::new(text);
            walk_json(&value, String::new(), None, &index, &mut nodes);
        }
        Locations { nodes }
    }

    /// The positions of a YAML text (empty when it does not parse).
    pub fn of_yaml(text: &str) -> Locations {
        let nodes = crate::yaml::node_positions(text)
            .map(|found| {
                found
                    .into_iter()
                    .map(|(pointer, n)| {
                        let value = Position {
                            line: n.line,
                            column: n.column,
                            len: n.len,
                        };
                        let key = n
                            .key
                            .map(|(line, column, len)| Position { line, column, len });
                        (pointer, Node { value, key })
                    })
                    .collect()
            })
            .unwrap_or_default();
        Locations { nodes }
    }

    /// Where the node at `pointer` stands, or else its nearest ancestor that exists.
    pub fn value(&self, pointer: &str) -> Option<Position> {
        let mut p = pointer;
        loop {
            if let Some(n) = self.nodes.get(p) {
                return Some(n.value);
            }
            p = &p[..p.rfind('/')?];
        }
    }

    /// Where the key of the member at `pointer` stands (for an unknown field), else the value.
    pub fn key(&self, pointer: &str) -> Option<Position> {
        match self.nodes.get(pointer) {
            Some(Node { key: Some(k), .. }) => Some(*k),
            _ => self.value(pointer),
        }
    }
}

/// Line starts of a text, to turn byte offsets into lines and character columns.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    fn position(&self, start: usize, end: usize) -> Position {
        let line = self.starts.partition_point(|&s| s <= start).max(1);
        let from = self.starts[line - 1];
        let column = self.text.get(from..start).map_or(0, |s| s.chars().count()) + 1;
        let line_end = self.text[start.min(self.text.len())..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let len = self
            .text
            .get(start..end.min(line_end))
            .map_or(1, |s| s.chars().count().max(1));
        Position { line, column, len }
    }
}

fn walk_json(
    value: &jsonc_parser::ast::Value,
    pointer: String,
    key: Option<Position>,
    index: &LineIndex,
    nodes: &mut FxHashMap<String, Node>,
) {
    use jsonc_parser::ast::{ObjectPropName, Value};
    use jsonc_parser::common::Ranged;
    let range = value.range();
    let at = index.position(range.start, range.end);
    // a collection is underlined at its opening bracket
    let at = match value {
        Value::Object(_) | Value::Array(_) => Position { len: 1, ..at },
        _ => at,
    };
    match value {
        Value::Object(o) => {
            for prop in &o.properties {
                let (name, krange) = match &prop.name {
                    ObjectPropName::String(s) => (s.value.to_string(), s.range),
                    ObjectPropName::Word(w) => (w.value.to_string(), w.range),
                };
                let child = format!("{pointer}/{}", name.replace('~', "~0").replace('/', "~1"));
                let kpos = index.position(krange.start, krange.end);
                walk_json(&prop.value, child, Some(kpos), index, nodes);
            }
        }
        Value::Array(a) => {
            for (i, el) in a.elements.iter().enumerate() {
                walk_json(el, format!("{pointer}/{i}"), None, index, nodes);
            }
        }
        _ => {}
    }
    nodes.insert(pointer, Node { value: at, key });
}

/// Line and column (1-based, in characters) of a byte offset of `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let p = LineIndex::new(text).position(offset, offset);
    (p.line, p.column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_pointers_to_lines_and_columns() {
        let text = "{\n  \"metrics\": [\n    {\"id\": \"m1\", \"value\": \"约62\"}\n  ]\n}\n";
        let l = Locations::of_json(text);
        assert_eq!(
            l.value("/metrics/0/value"),
            Some(Position {
                line: 3,
                column: 27,
                len: 5
            })
        );
        assert_eq!(l.key("/metrics/0/value").map(|p| p.column), Some(18));
        // a missing member falls back to its object
        assert_eq!(l.value("/metrics/0/unit").map(|p| p.column), Some(5));
    }

    #[test]
    fn yaml_pointers_to_lines_and_columns() {
        let l = Locations::of_yaml("metrics:\n- id: m1\n  value: 约62\n");
        assert_eq!(
            l.value("/metrics/0/value"),
            Some(Position {
                line: 3,
                column: 10,
                len: 3
            })
        );
    }
}
