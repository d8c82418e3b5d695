//! Password hashing (argon2id, off the async runtime, a few at a time) and the common-password and
//! strength checks (zxcvbn, whose bundled list holds some 30,000 common passwords).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use crate::i18n_setup::{td_string, Locale};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::{Arc, OnceLock};
use tokio::sync::Semaphore;

/// The parameters every stored hash must meet (OWASP: m ≥ 19 MiB, t ≥ 2, p = 1).
pub const MEMORY_KIB: u32 = 19_456;
pub const ITERATIONS: u32 = 2;
pub const PARALLELISM: u32 = 1;

fn argon2() -> Argon2<'static> {
    // The constants are valid argon2 parameters; `Params::DEFAULT` is the same triple.
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None).unwrap_or(Params::DEFAULT);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Runs argon2 work on the blocking pool, at most `permits` at once, so a burst of sign-ins
/// cannot starve other requests of CPU.
#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
}

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("argon2: {0}")]
    Argon2(String),
    #[error("hashing task failed: {0}")]
    Join(String),
}

impl Hasher {
    pub fn new(parallel: usize) -> Self {
        Hasher { permits: Arc::new(Semaphore::new(parallel.max(1))) }
    }

    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, HashError> {
        let _permit = self.permits.acquire().await.map_err(|e| HashError::Join(e.to_string()))?;
        tokio::task::spawn_blocking(work).await.map_err(|e| HashError::Join(e.to_string()))
    }

    /// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        self.run(move || hash_now(&password)).await?
    }

    /// Checks `password` against `stored`, or against a dummy hash when there is no account, so both
    /// cases take the same time.
    pub async fn verify(&self, password: String, stored: Option<String>) -> Result<bool, HashError> {
        self.run(move || {
            let known = stored.is_some();
            let hash = stored.unwrap_or_else(|| dummy_hash().to_owned());
            let verified = PasswordHash::new(&hash)
                .map(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
                .unwrap_or(false);
            known && verified
        })
        .await
    }
}

fn hash_now(password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| HashError::Argon2(e.to_string()))
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_now("dummy password for unknown accounts").unwrap_or_default())
}

/// Whether a stored hash is weaker than today's parameters (then it is replaced at the next sign-in).
pub fn needs_rehash(stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else { return true };
    let Ok(params) = Params::try_from(&parsed) else { return true };
    parsed.algorithm.as_str() != "argon2id"
        || params.m_cost() < MEMORY_KIB
        || params.t_cost() < ITERATIONS
        || params.p_cost() != PARALLELISM
}

/// How guessable a password is, for the strength meter and the sign-up rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Strength {
    /// 0 (very guessable) to 4 (very unguessable).
    pub score: u8,
    /// On the common-password list (exactly, reversed, or with l33t substitutions).
    pub common: bool,
    /// zxcvbn's warning and suggestions, when it has any.
    pub feedback: Vec<String>,
}

/// zxcvbn's warning in `locale`.
fn warning_text(warning: zxcvbn::feedback::Warning, locale: Locale) -> &'static str {
    use zxcvbn::feedback::Warning as W;
    match warning {
        W::StraightRowsOfKeysAreEasyToGuess => td_string!(locale, errors.passwords.warnings.straight_rows),
        W::ShortKeyboardPatternsAreEasyToGuess => td_string!(locale, errors.passwords.warnings.short_keyboard_patterns),
        W::RepeatsLikeAaaAreEasyToGuess => td_string!(locale, errors.passwords.warnings.repeats_aaa),
        W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => td_string!(locale, errors.passwords.warnings.repeats_abcabc),
        W::ThisIsATop10Password => td_string!(locale, errors.passwords.warnings.top_10),
        W::ThisIsATop100Password => td_string!(locale, errors.passwords.warnings.top_100),
        W::ThisIsACommonPassword => td_string!(locale, errors.passwords.warnings.very_common),
        W::ThisIsSimilarToACommonlyUsedPassword => td_string!(locale, errors.passwords.warnings.similar_to_common),
        W::SequencesLikeAbcAreEasyToGuess => td_string!(locale, errors.passwords.warnings.sequences),
        W::RecentYearsAreEasyToGuess => td_string!(locale, errors.passwords.warnings.recent_years),
        W::AWordByItselfIsEasyToGuess => td_string!(locale, errors.passwords.warnings.single_word),
        W::DatesAreOftenEasyToGuess => td_string!(locale, errors.passwords.warnings.dates),
        W::NamesAndSurnamesByThemselvesAreEasyToGuess => td_string!(locale, errors.passwords.warnings.names_alone),
        W::CommonNamesAndSurnamesAreEasyToGuess => td_string!(locale, errors.passwords.warnings.common_names),
    }
}

/// zxcvbn's suggestion in `locale`.
fn suggestion_text(suggestion: zxcvbn::feedback::Suggestion, locale: Locale) -> &'static str {
    use zxcvbn::feedback::Suggestion as S;
    match suggestion {
        S::UseAFewWordsAvoidCommonPhrases => td_string!(locale, errors.passwords.suggestions.few_words),
        S::NoNeedForSymbolsDigitsOrUppercaseLetters => td_string!(locale, errors.passwords.suggestions.no_symbols_needed),
        S::AddAnotherWordOrTwo => td_string!(locale, errors.passwords.suggestions.another_word),
        S::CapitalizationDoesntHelpVeryMuch => td_string!(locale, errors.passwords.suggestions.capitalization),
        S::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase => td_string!(locale, errors.passwords.suggestions.all_uppercase),
        S::ReversedWordsArentMuchHarderToGuess => td_string!(locale, errors.passwords.suggestions.reversed_words),
        S::PredictableSubstitutionsDontHelpVeryMuch => td_string!(locale, errors.passwords.suggestions.substitutions),
        S::UseALongerKeyboardPatternWithMoreTurns => td_string!(locale, errors.passwords.suggestions.longer_keyboard_pattern),
        S::AvoidRepeatedWordsAndCharacters => td_string!(locale, errors.passwords.suggestions.avoid_repeats),
        S::AvoidSequences => td_string!(locale, errors.passwords.suggestions.avoid_sequences),
        S::AvoidRecentYears => td_string!(locale, errors.passwords.suggestions.avoid_recent_years),
        S::AvoidYearsThatAreAssociatedWithYou => td_string!(locale, errors.passwords.suggestions.avoid_your_years),
        S::AvoidDatesAndYearsThatAreAssociatedWithYou => td_string!(locale, errors.passwords.suggestions.avoid_your_dates),
    }
}

/// Rates `password`, treating the person's own name and email as known words; the feedback is in
/// `locale`.
pub fn strength(password: &str, user_inputs: &[&str], locale: Locale) -> Strength {
    use zxcvbn::matching::patterns::MatchPattern;
    let entropy = zxcvbn::zxcvbn(password, user_inputs);
    let char_count = password.chars().count();
    let common = matches!(entropy.sequence(), [only] if only.i == 0 && only.j + 1 == char_count
        // zxcvbn does not export its dictionary enum, so it is named through its Debug form.
        && matches!(&only.pattern, MatchPattern::Dictionary(d) if format!("{:?}", d.dictionary_name) == "Passwords"));
    let mut feedback = Vec::new();
    if let Some(fb) = entropy.feedback() {
        if let Some(warning) = fb.warning() {
            feedback.push(warning_text(warning, locale).to_owned());
        }
        feedback.extend(fb.suggestions().iter().map(|s| suggestion_text(*s, locale).to_owned()));
    }
    Strength { score: u8::from(entropy.score()), common, feedback }
}

/// The sign-up rule beyond length: not a common password, and not guessable in under a million
/// tries (zxcvbn score 0 or 1: common words with digits, repeats, sequences, keyboard walks — the
/// optimal match zxcvbn picks for a listed password is sometimes a keyboard walk instead of the list
/// entry, so the score is what catches those). No composition rules.
pub fn check_guessability(password: &str, user_inputs: &[&str], locale: Locale) -> Result<(), String> {
    let rated = strength(password, user_inputs, locale);
    if rated.common {
        Err(td_string!(locale, errors.passwords.common).into())
    } else if rated.score <= 1 {
        Err(td_string!(locale, errors.passwords.guessable).into())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_passwords_of_twelve_characters_are_refused() {
        for common in ["1qaz2wsx3edc", "qwertyuiop12", "123qweasdzxc"] {
            assert!(check_guessability(common, &[], Locale::en).is_err(), "{common} should be refused");
        }
    }

    #[test]
    fn a_long_unusual_passphrase_is_accepted() {
        assert!(check_guessability("violet tractor monsoon ledger", &[], Locale::en).is_ok());
    }

    #[test]
    fn repeats_are_too_guessable() {
        assert_eq!(check_guessability(&"a".repeat(12), &[], Locale::en).unwrap_err(), "This password is too easy to guess. Try a few unrelated words.");
    }

    #[test]
    fn feedback_is_zxcvbn_own_text_in_english() {
        let rated = strength(&"a".repeat(12), &[], Locale::en);
        let zxcvbn_text: Vec<String> = zxcvbn::zxcvbn(&"a".repeat(12), &[])
            .feedback()
            .map(|fb| fb.warning().iter().map(ToString::to_string).chain(fb.suggestions().iter().map(ToString::to_string)).collect())
            .unwrap_or_default();
        assert!(!rated.feedback.is_empty());
        assert_eq!(rated.feedback, zxcvbn_text);
    }

    #[test]
    fn hashes_use_argon2id_with_owasp_parameters() {
        let hash = hash_now("violet tractor monsoon ledger").unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(!needs_rehash(&hash));
    }

    #[test]
    fn weaker_hashes_need_a_rehash() {
        let weak = Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(8192, 1, 1, None).unwrap());
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        let hash = weak.hash_password(b"violet tractor monsoon", &salt).unwrap().to_string();
        assert!(needs_rehash(&hash));
        assert!(needs_rehash("not a hash"));
    }
}
