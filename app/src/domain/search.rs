//! Search words: what the index keeps for a record, and how a typed query becomes prefix matches.
//! Both databases see the same plain words (lower-case letters and digits separated by spaces), so
//! FTS5 and PostgreSQL's `simple` text search agree on what matches.

/// The most words of a query that are used.
const QUERY_WORDS: usize = 8;

/// Lower-case runs of letters and digits: `Ada.Lovelace@Example.com` → `ada lovelace example com`.
fn words_of(value: &str) -> impl Iterator<Item = String> + '_ {
    value.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// The indexed words of a record: its values' words, and each phone number also as one run of
/// digits (so `+44 20 7946 0958` is found by `2079` and by `020 7946`).
pub fn index_words(values: &[&str], phones: &[&str]) -> String {
    let mut words: Vec<String> = values.iter().chain(phones).flat_map(|v| words_of(v)).collect();
    for phone in phones {
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            words.push(digits.clone());
            // Without a leading 00 or country-style 0 too: `0049 30…` is also found as `4930…`.
            let trimmed = digits.trim_start_matches('0');
            if !trimmed.is_empty() && trimmed != digits {
                words.push(trimmed.to_owned());
            }
        }
    }
    words.join(" ")
}

/// The words of a typed query (at most eight); each must start a word of a matching record.
pub fn query_words(query: &str) -> Vec<String> {
    words_of(query).take(QUERY_WORDS).collect()
}

/// The form an exact title match is compared in: trimmed, single spaces, lower case.
pub fn exact_key(query: &str) -> String {
    crate::domain::records::sort_key(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_become_lower_case_words() {
        assert_eq!(index_words(&["Ada Lovelace", "ada@Example.com"], &[]), "ada lovelace ada example com");
    }

    #[test]
    fn phones_are_also_indexed_as_digit_runs() {
        let words = index_words(&[], &["+44 (0)20 7946-0958"]);
        assert!(words.split(' ').any(|w| w == "440207946" || w == "4402079460958"), "{words}");
        assert!(words.split(' ').any(|w| w == "7946"));
        let national = index_words(&[], &["020 7946 0958"]);
        assert!(national.split(' ').any(|w| w == "02079460958"));
        assert!(national.split(' ').any(|w| w == "2079460958"));
    }

    #[test]
    fn queries_keep_only_letters_and_digits() {
        assert_eq!(query_words("  \"Ada\" OR lov* -x "), vec!["ada", "or", "lov", "x"]);
        assert!(query_words("*** ()").is_empty());
        assert_eq!(query_words("a b c d e f g h i j").len(), 8);
    }
}
