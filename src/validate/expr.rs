//! Rule expressions: metrics named by indicator code or label, constants, `+ − × ÷` and
//! brackets. A small parser and evaluator; nothing is ever executed.
//!
//! ```text
//! expr   := term (("+" | "-" | "−") term)*
//! term   := factor (("*" | "×" | "/" | "÷") factor)*
//! factor := number | name | "(" expr ")" | "-" factor
//! name   := "#{" any text but "}" "}"  |  a run of letters, digits, CJK, "." and "_"
//! ```
//!
//! A bare name may start with digits (`65岁及以上老年人数`); a name holding an operator or a
//! space (`0-6岁儿童健康管理率`) is written `#{0-6岁儿童健康管理率}`.

use std::fmt;

/// The deepest bracket nesting accepted.
const MAX_DEPTH: usize = 32;

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A constant.
    Number(f64),
    /// A metric, by indicator code or label.
    Name(String),
    /// `-x`.
    Negate(Box<Expr>),
    /// `a op b`.
    Binary(Box<Expr>, Op, Box<Expr>),
}

/// An arithmetic operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `+`
    Add,
    /// `-` or `−`
    Subtract,
    /// `*` or `×`
    Multiply,
    /// `/` or `÷`
    Divide,
}

/// Why an expression does not parse, and where (1-based character column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

impl std::error::Error for ParseError {}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Name(String),
    Op(Op),
    Open,
    Close,
}

fn is_operator(c: char) -> bool {
    matches!(c, '+' | '-' | '−' | '*' | '×' | '/' | '÷' | '(' | ')')
}

fn tokens(text: &str) -> Result<Vec<(Token, usize)>, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |column: usize, message: String| ParseError {
        column: column + 1,
        message,
    };
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let token = match c {
            _ if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '(' => Token::Open,
            ')' => Token::Close,
            '+' => Token::Op(Op::Add),
            '-' | '−'
                if i > 0
                    && chars[i - 1].is_ascii_digit()
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                    && chars[i + 1..]
                        .iter()
                        .take_while(|c| !c.is_whitespace() && !is_operator(**c))
                        .any(|c| !c.is_ascii_digit() && *c != '.') =>
            {
                // 0-6岁儿童数: a range inside a name, not a subtraction
                let from = chars[..i]
                    .iter()
                    .rposition(|c| c.is_whitespace() || is_operator(*c))
                    .map_or(0, |p| p + 1);
                let word: String = chars[from..]
                    .iter()
                    .take_while(|c| {
                        !c.is_whitespace() && (!is_operator(**c) || matches!(c, '-' | '−'))
                    })
                    .collect();
                return Err(err(
                    from,
                    format!(
                        "`{word}` reads as a subtraction; write a name holding a range as #{{{word}}}"
                    ),
                ));
            }
            '-' | '−' => Token::Op(Op::Subtract),
            '*' | '×' => Token::Op(Op::Multiply),
            '/' | '÷' => Token::Op(Op::Divide),
            '#' if chars.get(i + 1) == Some(&'{') => {
                let close = chars[i + 2..]
                    .iter()
                    .position(|&c| c == '}')
                    .ok_or_else(|| err(i, "`#{` is not closed by `}`".into()))?;
                let name: String = chars[i + 2..i + 2 + close].iter().collect();
                if name.trim().is_empty() {
                    return Err(err(i, "`#{}` names nothing".into()));
                }
                i += close + 3;
                out.push((Token::Name(name.trim().to_string()), start));
                continue;
            }
            _ => {
                let mut j = i;
                while j < chars.len() && !chars[j].is_whitespace() && !is_operator(chars[j]) {
                    j += 1;
                }
                let word: String = chars[i..j].iter().collect();
                i = j;
                let numeric = word.chars().all(|c| c.is_ascii_digit() || c == '.');
                let token = if numeric {
                    Token::Number(
                        word.parse()
                            .map_err(|_| err(start, format!("`{word}` is not a number")))?,
                    )
                } else if word
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_'))
                {
                    Token::Name(word)
                } else {
                    return Err(err(
                        start,
                        format!(
                            "`{word}` is neither a number nor a name; write a name with other characters as #{{{word}}}"
                        ),
                    ));
                };
                out.push((token, start));
                continue;
            }
        };
        out.push((token, start));
        i += 1;
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    at: usize,
    end: usize,
}

impl Parser {
    fn column(&self) -> usize {
        self.tokens.get(self.at).map_or(self.end, |t| t.1) + 1
    }

    fn fail<T>(&self, message: impl Into<String>) -> Result<T, ParseError> {
        Err(ParseError {
            column: self.column(),
            message: message.into(),
        })
    }

    fn peek_op(&self, ops: &[Op]) -> Option<Op> {
        match self.tokens.get(self.at) {
            Some((Token::Op(op), _)) if ops.contains(op) => Some(*op),
            _ => None,
        }
    }

    fn expr(&mut self, depth: usize) -> Result<Expr, ParseError> {
        let mut left = self.term(depth)?;
        while let Some(op) = self.peek_op(&[Op::Add, Op::Subtract]) {
            self.at += 1;
            let right = self.term(depth)?;
            left = Expr::Binary(Box::new(left), op, Box::new(right));
        }
        Ok(left)
    }

    fn term(&mut self, depth: usize) -> Result<Expr, ParseError> {
        let mut left = self.factor(depth)?;
        while let Some(op) = self.peek_op(&[Op::Multiply, Op::Divide]) {
            self.at += 1;
            let right = self.factor(depth)?;
            left = Expr::Binary(Box::new(left), op, Box::new(right));
        }
        Ok(left)
    }

    fn factor(&mut self, depth: usize) -> Result<Expr, ParseError> {
        if depth > MAX_DEPTH {
            return self.fail(format!("brackets nest deeper than {MAX_DEPTH}"));
        }
        let Some((token, _)) = self.tokens.get(self.at).cloned() else {
            return self.fail("the expression ends where a number or a name is expected");
        };
        self.at += 1;
        match token {
            Token::Number(n) => Ok(Expr::Number(n)),
            Token::Name(n) => Ok(Expr::Name(n)),
            Token::Op(Op::Subtract) => Ok(Expr::Negate(Box::new(self.factor(depth + 1)?))),
            Token::Open => {
                let inner = self.expr(depth + 1)?;
                match self.tokens.get(self.at) {
                    Some((Token::Close, _)) => {
                        self.at += 1;
                        Ok(inner)
                    }
                    _ => self.fail("`(` is not closed by `)`"),
                }
            }
            Token::Close | Token::Op(_) => {
                self.at -= 1;
                self.fail("a number or a name is expected here")
            }
        }
    }
}

/// Parses an expression.
pub fn parse(text: &str) -> Result<Expr, ParseError> {
    let tokens = tokens(text)?;
    let mut p = Parser {
        tokens,
        at: 0,
        end: text.chars().count(),
    };
    let e = p.expr(0)?;
    if p.at < p.tokens.len() {
        return p.fail("an operator is expected here");
    }
    Ok(e)
}

impl Expr {
    /// The names the expression uses, in order.
    pub fn names(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_names(&mut out);
        out
    }

    fn collect_names<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::Number(_) => {}
            Expr::Name(n) => out.push(n),
            Expr::Negate(e) => e.collect_names(out),
            Expr::Binary(a, _, b) => {
                a.collect_names(out);
                b.collect_names(out);
            }
        }
    }

    /// The value, with each name's value from `value_of`; `None` on a division by zero.
    pub fn eval(&self, value_of: &dyn Fn(&str) -> f64) -> Option<f64> {
        Some(match self {
            Expr::Number(n) => *n,
            Expr::Name(n) => value_of(n),
            Expr::Negate(e) => -e.eval(value_of)?,
            Expr::Binary(a, op, b) => {
                let (a, b) = (a.eval(value_of)?, b.eval(value_of)?);
                match op {
                    Op::Add => a + b,
                    Op::Subtract => a - b,
                    Op::Multiply => a * b,
                    Op::Divide if b == 0.0 => return None,
                    Op::Divide => a / b,
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Option<f64> {
        parse(text).unwrap().eval(&|n| match n {
            "HTN.STD" => 80.0,
            "65岁及以上老年人数" => 200.0,
            "0-6岁儿童数" => 50.0,
            _ => 0.0,
        })
    }

    #[test]
    fn precedence_brackets_and_signs() {
        assert_eq!(value("1 + 2 * 3"), Some(7.0));
        assert_eq!(value("(1 + 2) × 3"), Some(9.0));
        assert_eq!(value("10 − 4 ÷ 2"), Some(8.0));
        assert_eq!(value("-(2 - 5)"), Some(3.0));
        assert_eq!(value("1 / 0"), None);
    }

    #[test]
    fn names_by_code_label_and_braces() {
        assert_eq!(value("HTN.STD / 100"), Some(0.8));
        assert_eq!(value("65岁及以上老年人数 + #{0-6岁儿童数}"), Some(250.0));
        assert_eq!(parse("a + #{b c} * 2").unwrap().names(), vec!["a", "b c"]);
    }

    #[test]
    fn errors_have_columns() {
        assert_eq!(parse("1 +").unwrap_err().column, 4);
        assert_eq!(parse("(1 + 2").unwrap_err().column, 7);
        assert_eq!(parse("1 2").unwrap_err().column, 3);
        assert_eq!(parse("#{a").unwrap_err().column, 1);
        let range = parse("0-6岁儿童数 / 2").unwrap_err();
        assert!(range.message.contains("#{0-6岁儿童数}"), "{range}");
        assert_eq!(parse("10-6").unwrap(), parse("10 - 6").unwrap());
        let deep = "(".repeat(100) + "1" + &")".repeat(100);
        assert!(parse(&deep).is_err());
    }
}
