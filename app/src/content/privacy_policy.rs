//! The Privacy Policy, word for word from `app/content/privacy-policy.txt`, as structured data.

use super::{Block, Bullet, Document, Section};

pub static POLICY: Document = Document {
    title: "Privacy Policy",
    last_updated: "June 10, 2026",
    intro: "Your privacy matters to us. This policy explains what data we collect, why we collect it, and how you can control it. We never sell your personal data.",
    sections: &[
        Section {
            number: 1,
            title: "Who We Are",
            blocks: &[Block::Paragraph(
                "NexaCRM (\"we\", \"us\", \"our\") operates the NexaCRM platform — a cloud-based CRM service. This Privacy Policy applies to all users of our website and platform. For questions about this policy, contact us at privacy@nexacrm.io.",
            )],
        },
        Section {
            number: 2,
            title: "Information We Collect",
            blocks: &[
                Block::Paragraph(
                    "We collect information you provide directly, information generated through your use of the Service, and limited information from third parties.",
                ),
                Block::Table {
                    header: &["Category", "Examples", "How collected"],
                    rows: &[
                        &[
                            "Account data",
                            "Name, email address, password (hashed), organization name, job title",
                            "You provide at registration",
                        ],
                        &[
                            "Profile data",
                            "Avatar, phone number, bio, timezone, currency preference",
                            "You provide in settings",
                        ],
                        &[
                            "CRM data",
                            "Contacts, leads, deals, activities, notes, tickets, email drafts",
                            "You enter or import",
                        ],
                        &[
                            "Usage data",
                            "Pages visited, features used, actions taken, timestamps",
                            "Automatically collected",
                        ],
                        &[
                            "Technical data",
                            "IP address, browser type, device type, operating system",
                            "Automatically collected",
                        ],
                        &[
                            "Communications",
                            "Support requests, feedback, survey responses",
                            "You provide directly",
                        ],
                    ],
                },
            ],
        },
        Section {
            number: 3,
            title: "How We Use Your Information",
            blocks: &[
                Block::Paragraph("We use your information to:"),
                Block::Bullets(&[
                    Bullet {
                        lead: "Provide the Service",
                        text: "authenticate your account, process your CRM data, and deliver the features you use",
                    },
                    Bullet {
                        lead: "Improve the Service",
                        text: "analyze usage patterns to fix bugs and build better features",
                    },
                    Bullet {
                        lead: "Communicate with you",
                        text: "send transactional emails (password resets, team invitations, billing receipts)",
                    },
                    Bullet {
                        lead: "Ensure security",
                        text: "detect fraud, abuse, and unauthorized access",
                    },
                    Bullet {
                        lead: "Meet legal obligations",
                        text: "comply with applicable laws, respond to legal requests",
                    },
                ]),
                Block::Paragraph(
                    "We do not use your CRM data (contacts, deals, etc.) for any purpose other than providing and improving the Service.",
                ),
            ],
        },
        Section {
            number: 4,
            title: "Data Sharing & Disclosure",
            blocks: &[
                Block::Paragraph(
                    "We do not sell your personal data. We may share it only in the following limited circumstances:",
                ),
                Block::Bullets(&[
                    Bullet {
                        lead: "Service providers",
                        text: "Trusted vendors who process data on our behalf (cloud hosting, email delivery, payment processing) under strict data processing agreements.",
                    },
                    Bullet {
                        lead: "Within your organization",
                        text: "Other members of your NexaCRM workspace can see data shared within that workspace based on their role permissions.",
                    },
                    Bullet {
                        lead: "Legal requirements",
                        text: "When required by law, court order, or to protect the rights and safety of NexaCRM, our users, or the public.",
                    },
                    Bullet {
                        lead: "Business transfers",
                        text: "In the event of a merger, acquisition, or sale of assets, with advance notice to you.",
                    },
                ]),
            ],
        },
        Section {
            number: 5,
            title: "Data Security",
            blocks: &[
                Block::Paragraph(
                    "We implement industry-standard security measures to protect your data, including:",
                ),
                Block::Bullets(&[
                    Bullet {
                        lead: "",
                        text: "Encryption in transit (TLS 1.2+) and at rest",
                    },
                    Bullet {
                        lead: "",
                        text: "Hashed and salted password storage — we never store passwords in plain text",
                    },
                    Bullet {
                        lead: "",
                        text: "Role-based access controls limiting internal access to your data",
                    },
                    Bullet {
                        lead: "",
                        text: "Regular security reviews and vulnerability assessments",
                    },
                    Bullet {
                        lead: "",
                        text: "Secure session management with automatic expiry",
                    },
                ]),
                Block::Paragraph(
                    "No method of transmission over the internet is 100% secure. If you discover a security vulnerability, please report it to security@nexacrm.io.",
                ),
            ],
        },
        Section {
            number: 6,
            title: "Data Retention",
            blocks: &[
                Block::Paragraph(
                    "We retain your data for as long as your account is active or as needed to provide the Service. Upon account deletion:",
                ),
                Block::Bullets(&[
                    Bullet {
                        lead: "",
                        text: "Your data remains available for export for 30 days",
                    },
                    Bullet {
                        lead: "",
                        text: "After 30 days, your personal data and CRM data are permanently deleted from our systems",
                    },
                    Bullet {
                        lead: "",
                        text: "Anonymized, aggregated usage statistics may be retained indefinitely",
                    },
                    Bullet {
                        lead: "",
                        text: "We may retain certain data longer if required by law (e.g., billing records)",
                    },
                ]),
            ],
        },
        Section {
            number: 7,
            title: "Your Rights & Choices",
            blocks: &[
                Block::Paragraph(
                    "Depending on your location, you may have the following rights regarding your personal data:",
                ),
                Block::Definitions(&[
                    ("Access", "Request a copy of the personal data we hold about you."),
                    (
                        "Rectification",
                        "Correct inaccurate or incomplete data directly in your account settings.",
                    ),
                    ("Erasure", "Request deletion of your account and personal data."),
                    (
                        "Portability",
                        "Export your CRM data in standard formats (CSV, JSON).",
                    ),
                    (
                        "Objection",
                        "Object to certain processing activities based on your situation.",
                    ),
                    (
                        "Opt-out",
                        "Unsubscribe from marketing emails at any time via account settings.",
                    ),
                ]),
                Block::Paragraph(
                    "To exercise these rights, contact us at privacy@nexacrm.io. We will respond within 30 days.",
                ),
            ],
        },
        Section {
            number: 8,
            title: "Cookies & Tracking",
            blocks: &[
                Block::Paragraph("We use cookies and similar technologies to:"),
                Block::Bullets(&[
                    Bullet {
                        lead: "Session cookies",
                        text: "Keep you logged in while you use the Service (essential, cannot be disabled)",
                    },
                    Bullet {
                        lead: "Preference cookies",
                        text: "Remember your settings such as theme preference and language",
                    },
                    Bullet {
                        lead: "Analytics",
                        text: "Understand how the Service is used to improve it (anonymized data only)",
                    },
                ]),
                Block::Paragraph(
                    "We do not use third-party advertising cookies or tracking pixels. You can control non-essential cookies through your browser settings, though this may affect Service functionality.",
                ),
            ],
        },
        Section {
            number: 9,
            title: "Children's Privacy",
            blocks: &[Block::Paragraph(
                "The Service is not directed to children under the age of 16. We do not knowingly collect personal data from children. If you believe a child has provided us with personal data, please contact us immediately and we will delete it.",
            )],
        },
        Section {
            number: 10,
            title: "International Data Transfers",
            blocks: &[Block::Paragraph(
                "Your data may be processed in countries other than where you reside. When we transfer personal data internationally, we ensure appropriate safeguards are in place, such as standard contractual clauses approved by relevant data protection authorities.",
            )],
        },
        Section {
            number: 11,
            title: "Changes to This Policy",
            blocks: &[
                Block::Paragraph(
                    "We may update this Privacy Policy from time to time. When we make material changes, we will notify you via email or a prominent notice within the Service before the changes take effect. The \"last updated\" date at the top of this page reflects the most recent revision.",
                ),
                Block::Paragraph(
                    "Continued use of the Service after changes become effective constitutes acceptance of the revised policy.",
                ),
            ],
        },
        Section {
            number: 12,
            title: "Contact Us",
            blocks: &[
                Block::Paragraph("For privacy-related questions, data requests, or concerns:"),
                Block::Bullets(&[
                    Bullet {
                        lead: "Email",
                        text: "privacy@nexacrm.io",
                    },
                    Bullet {
                        lead: "Security issues",
                        text: "security@nexacrm.io",
                    },
                    Bullet {
                        lead: "General support",
                        text: "support@nexacrm.io",
                    },
                ]),
            ],
        },
    ],
};

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    const SEED: &str = include_str!("../../content/privacy-policy.txt");

    /// A word without the punctuation around it (`("we",` → `we`, `privacy@nexacrm.io.` →
    /// `privacy@nexacrm.io`); `None` for pure punctuation such as `—`, `•` or `&`.
    fn normalise(word: &str) -> Option<&str> {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        (!word.is_empty()).then_some(word)
    }

    fn add_words(set: &mut BTreeSet<String>, text: &str) {
        set.extend(
            text.split_whitespace()
                .filter_map(normalise)
                .map(str::to_owned),
        );
    }

    /// Every piece of text in the document, in reading order.
    fn document_texts() -> Vec<String> {
        let mut texts = vec![
            POLICY.title.to_owned(),
            POLICY.last_updated.to_owned(),
            POLICY.intro.to_owned(),
        ];
        for section in POLICY.sections {
            texts.push(section.number.to_string());
            texts.push(section.title.to_owned());
            for block in section.blocks {
                match block {
                    Block::Paragraph(text) => texts.push((*text).to_owned()),
                    Block::Bullets(items) => {
                        for item in *items {
                            texts.push(item.lead.to_owned());
                            texts.push(item.text.to_owned());
                        }
                    }
                    Block::Table { header, rows } => {
                        texts.extend(header.iter().map(|cell| (*cell).to_owned()));
                        for row in *rows {
                            texts.extend(row.iter().map(|cell| (*cell).to_owned()));
                        }
                    }
                    Block::Definitions(items) => {
                        for (term, definition) in *items {
                            texts.push((*term).to_owned());
                            texts.push((*definition).to_owned());
                        }
                    }
                }
            }
        }
        texts
    }

    /// The policy's own lines in the seed text: from the "Privacy Policy" heading up to the
    /// "©" footer, without the page chrome above and the footer below.
    fn seed_policy_lines() -> Vec<&'static str> {
        SEED.lines()
            .map(str::trim)
            .skip_while(|line| *line != "Privacy Policy")
            .take_while(|line| !line.starts_with('©'))
            .collect()
    }

    #[test]
    fn has_twelve_sections_numbered_in_order() {
        let numbers: Vec<u8> = POLICY.sections.iter().map(|s| s.number).collect();
        assert_eq!(numbers, (1..=12).collect::<Vec<u8>>());
    }

    #[test]
    fn date_matches_the_seed_text() {
        let line = format!("Last updated: {}", POLICY.last_updated);
        assert!(
            seed_policy_lines().contains(&line.as_str()),
            "missing {line:?}"
        );
    }

    /// The words of the seed text's policy. "Last updated:" is the page's label for
    /// `last_updated`, not part of the data.
    fn seed_words() -> BTreeSet<String> {
        let mut words = BTreeSet::new();
        for line in seed_policy_lines() {
            add_words(
                &mut words,
                line.strip_prefix("Last updated:").unwrap_or(line),
            );
        }
        words
    }

    fn document_words() -> BTreeSet<String> {
        let mut words = BTreeSet::new();
        for text in document_texts() {
            add_words(&mut words, &text);
        }
        words
    }

    #[test]
    fn seed_text_is_found() {
        let lines = seed_policy_lines();
        assert!(
            lines.len() > 100,
            "the policy was not found in the seed text"
        );
    }

    #[test]
    fn no_word_invented() {
        let seed = seed_words();
        let invented: Vec<_> = document_words()
            .into_iter()
            .filter(|w| !seed.contains(w))
            .collect();
        assert!(invented.is_empty(), "not in the seed text: {invented:?}");
    }

    #[test]
    fn no_word_dropped() {
        let document = document_words();
        let dropped: Vec<_> = seed_words()
            .into_iter()
            .filter(|w| !document.contains(w))
            .collect();
        assert!(
            dropped.is_empty(),
            "in the seed text but not in the policy: {dropped:?}"
        );
    }

    /// Stricter than the word sets: each paragraph, bullet, table row and definition is a whole
    /// line of the seed text (bullets with their lead-in and its ": " or " — ").
    #[test]
    fn every_block_is_a_seed_line() {
        let lines = seed_policy_lines();
        let has = |line: &str| lines.contains(&line);
        assert!(has(POLICY.intro));
        for section in POLICY.sections {
            let heading = format!("{} {}", section.number, section.title);
            assert!(has(&heading), "heading {heading:?}");
            for block in section.blocks {
                match block {
                    Block::Paragraph(text) => assert!(has(text), "paragraph {text:?}"),
                    Block::Bullets(items) => {
                        for item in *items {
                            let found = if item.lead.is_empty() {
                                has(&format!("• {}", item.text))
                            } else {
                                has(&format!("• {}: {}", item.lead, item.text))
                                    || has(&format!("• {} — {}", item.lead, item.text))
                            };
                            assert!(found, "bullet {:?} {:?}", item.lead, item.text);
                        }
                    }
                    Block::Table { header, rows } => {
                        assert!(has(&header.join(" ")), "table header");
                        for row in *rows {
                            assert!(has(&row.join(" ")), "table row {row:?}");
                        }
                    }
                    Block::Definitions(items) => {
                        for (term, definition) in *items {
                            let at = lines.iter().position(|l| l == term);
                            let next = at.and_then(|i| lines.get(i + 1));
                            assert_eq!(next, Some(definition), "definition of {term:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn no_text_is_empty() {
        let texts = document_texts();
        // Bullet leads may be empty; everything else must say something.
        let empty = texts.iter().filter(|t| t.trim().is_empty()).count();
        let empty_leads = POLICY
            .sections
            .iter()
            .flat_map(|s| s.blocks)
            .filter_map(|b| match b {
                Block::Bullets(items) => Some(items.iter().filter(|i| i.lead.is_empty()).count()),
                _ => None,
            })
            .sum::<usize>();
        assert_eq!(empty, empty_leads);
    }
}
