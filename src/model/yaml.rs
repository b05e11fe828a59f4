//! All YAML I/O of weijian. serde_yaml is deprecated upstream; keeping every call here means
//! a replacement touches one file.

use serde::{Serialize, de::DeserializeOwned};

/// Serialises a value as YAML.
pub fn to_string<T: Serialize>(value: &T) -> crate::Result<String> {
    serde_yaml::to_string(value).map_err(|e| crate::Error::Serialise(e.to_string()))
}

/// Parses a value from YAML text.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, serde_yaml::Error> {
    serde_yaml::from_str(text)
}
