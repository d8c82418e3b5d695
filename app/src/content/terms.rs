//! The Terms of Service for NexaCRM, as structured data.

use super::{Block, Bullet, Document, Section};

pub static TERMS: Document = Document {
    title: "Terms of Service",
    last_updated: "November 27, 2026",
    intro: "These Terms of Service govern your use of NexaCRM. Please read them carefully: by creating an account or using the Service, you agree to them. How we handle personal data is described in our Privacy Policy, which forms part of these terms.",
    sections: &[
        Section {
            number: 1,
            title: "Agreement to These Terms",
            blocks: &[
                Block::Paragraph(
                    "These terms are an agreement between you and NexaCRM (\"we\", \"us\", \"our\"). If you use NexaCRM on behalf of a company or other organization, you confirm that you are authorized to accept these terms for it, and \"you\" and \"the customer\" then mean that organization.",
                ),
                Block::Paragraph(
                    "If you do not agree to these terms, do not create an account and do not use the Service.",
                ),
            ],
        },
        Section {
            number: 2,
            title: "The Service",
            blocks: &[
                Block::Paragraph(
                    "NexaCRM is a cloud-based customer relationship management service for small sales and support teams. It lets a team keep its contacts, companies, deals, activities, notes and tickets in one shared place (together, \"the Service\").",
                ),
                Block::Paragraph(
                    "The Service is multi-tenant: many customers use the same platform, and each customer's data is kept in its own workspace, separate from the data of every other customer.",
                ),
            ],
        },
        Section {
            number: 3,
            title: "Your Account",
            blocks: &[
                Block::Paragraph(
                    "You must be at least 16 years old to create an account or use the Service. By signing up, you confirm that you meet this requirement.",
                ),
                Block::Bullets(&[
                    Bullet {
                        lead: "Accurate information",
                        text: "Give your real name and an email address you control, and keep them up to date.",
                    },
                    Bullet {
                        lead: "One person per account",
                        text: "An account belongs to one person. Do not share it; invite colleagues to your workspace instead.",
                    },
                    Bullet {
                        lead: "Responsibility",
                        text: "You are responsible for the activity that takes place under your account.",
                    },
                ]),
            ],
        },
        Section {
            number: 4,
            title: "Workspaces and Roles",
            blocks: &[
                Block::Paragraph(
                    "When you sign up, a workspace is created for your organization and you become its owner. Every member of a workspace has one of the following roles, which decides what they can see and do there:",
                ),
                Block::Definitions(&[
                    (
                        "Owner",
                        "Has full control of the workspace, including its settings, its members and their roles, and the decision to delete the workspace.",
                    ),
                    (
                        "Admin",
                        "Manages the workspace's members and settings and has access to all of its data, but cannot delete the workspace or remove its owner.",
                    ),
                    (
                        "Member",
                        "Works with the CRM data: creates, edits and deletes records as part of the team's daily work.",
                    ),
                    (
                        "Viewer",
                        "Can read the workspace's data but cannot change it.",
                    ),
                ]),
                Block::Paragraph(
                    "The owner and admins decide who is invited to the workspace and which role each person gets. They are responsible for granting access only to people who should have it, and for removing access when someone leaves the team.",
                ),
            ],
        },
        Section {
            number: 5,
            title: "Account Security",
            blocks: &[
                Block::Paragraph(
                    "Keeping your account secure is a shared responsibility. We store passwords only as salted hashes, end sessions after a period of inactivity, and protect every page against common web attacks. In return, we ask you to:",
                ),
                Block::Bullets(&[
                    Bullet {
                        lead: "",
                        text: "Choose a strong password that you do not use for any other service",
                    },
                    Bullet {
                        lead: "",
                        text: "Keep your password confidential and sign out on shared devices",
                    },
                    Bullet {
                        lead: "",
                        text: "Tell us without delay at security@nexacrm.io if you believe someone else has accessed your account",
                    },
                ]),
                Block::Paragraph(
                    "We will never ask you for your password by email, by phone or in a support request.",
                ),
            ],
        },
        Section {
            number: 6,
            title: "Your Data",
            blocks: &[
                Block::Paragraph(
                    "The contacts, companies, deals, notes, tickets and other records that you and your team enter into or import into a workspace (\"CRM data\") belong to the customer. The customer is the controller of its CRM data: it decides what is stored and why, and it is responsible for having a lawful basis to store it and for informing the people the data is about.",
                ),
                Block::Paragraph(
                    "NexaCRM processes CRM data only on the customer's behalf and on its instructions, which are given by using the Service. We use it only to provide, secure and improve the Service, we do not sell it, and we do not use it for advertising. You grant us the limited permission needed to host, copy, transmit and display CRM data for these purposes, and for no other.",
                ),
                Block::Paragraph(
                    "For the personal data of account holders themselves, such as names, email addresses and usage data, our Privacy Policy describes what we collect, why, and the rights you have.",
                ),
            ],
        },
        Section {
            number: 7,
            title: "Acceptable Use",
            blocks: &[
                Block::Paragraph("When using the Service, you agree not to:"),
                Block::Bullets(&[
                    Bullet {
                        lead: "",
                        text: "Break any applicable law, including data protection and anti-spam laws",
                    },
                    Bullet {
                        lead: "",
                        text: "Store or send content that is unlawful, infringes the rights of others, or contains malware",
                    },
                    Bullet {
                        lead: "",
                        text: "Try to access another customer's workspace, another person's account, or any part of the Service you have not been given access to",
                    },
                    Bullet {
                        lead: "",
                        text: "Probe, scan or test the security of the Service without our written permission, except to report a vulnerability in good faith to security@nexacrm.io",
                    },
                    Bullet {
                        lead: "",
                        text: "Overload the Service, circumvent its rate limits, or use automated means to access it other than the interfaces we provide",
                    },
                    Bullet {
                        lead: "",
                        text: "Resell the Service or use it to build a competing product",
                    },
                ]),
            ],
        },
        Section {
            number: 8,
            title: "Data Export and Account Deletion",
            blocks: &[
                Block::Paragraph(
                    "You can leave at any time, and you can take your data with you. Data export and deletion work as follows:",
                ),
                Block::Bullets(&[
                    Bullet {
                        lead: "Export at any time",
                        text: "The CRM data in a workspace can be exported in JSON or CSV format whenever you wish, at no extra cost.",
                    },
                    Bullet {
                        lead: "Deletion",
                        text: "You can delete your account, and a workspace owner can delete the workspace. Deletion ends access to the Service for the deleted account or workspace.",
                    },
                    Bullet {
                        lead: "30-day export window",
                        text: "After deletion, the data remains available for export for 30 days, in case it is still needed.",
                    },
                    Bullet {
                        lead: "Permanent purge",
                        text: "When the 30 days have passed, the personal data and CRM data are permanently deleted from our systems, except where the law requires us to keep certain records for longer, as described in our Privacy Policy.",
                    },
                ]),
            ],
        },
        Section {
            number: 9,
            title: "Availability of the Service",
            blocks: &[
                Block::Paragraph(
                    "We work to keep the Service available, fast and secure, but we do not guarantee that it will be uninterrupted or free of errors. The Service may be unavailable from time to time for maintenance, upgrades or reasons beyond our control, and we will try to announce planned maintenance in advance.",
                ),
                Block::Paragraph(
                    "We continually develop the Service and may add, change or remove features. If we remove a feature you rely on, we will tell you in good time so that you can export your data or adapt the way you work.",
                ),
            ],
        },
        Section {
            number: 10,
            title: "Disclaimers and Limitation of Liability",
            blocks: &[
                Block::Paragraph(
                    "The Service is provided \"as is\" and \"as available\". To the extent permitted by law, we make no warranties beyond those stated in these terms, including any implied warranties of merchantability, fitness for a particular purpose or non-infringement.",
                ),
                Block::Paragraph(
                    "To the extent permitted by law, NexaCRM is not liable for indirect, incidental or consequential damages, such as lost profits, lost revenue or lost business opportunities, arising from your use of or inability to use the Service. Our total liability for any claim relating to the Service is limited to the amount you paid us for the Service in the twelve months before the claim arose.",
                ),
                Block::Paragraph(
                    "Nothing in these terms excludes or limits liability that cannot be excluded or limited by law, such as liability for intent or gross negligence, or your rights as a consumer under mandatory law.",
                ),
            ],
        },
        Section {
            number: 11,
            title: "Suspension and Termination",
            blocks: &[
                Block::Paragraph(
                    "You may stop using the Service and delete your account at any time, as described in section 8.",
                ),
                Block::Paragraph(
                    "We may suspend or terminate an account or a workspace if it seriously or repeatedly breaks these terms, if it endangers the security of the Service or of other customers, or if the law requires us to. Unless the situation is urgent or the law prevents it, we will tell you beforehand, explain why, and give you the chance to fix the problem and to export your data.",
                ),
                Block::Paragraph(
                    "The sections on your data, data export and deletion, disclaimers and limitation of liability, and governing law continue to apply after termination.",
                ),
            ],
        },
        Section {
            number: 12,
            title: "Changes, Governing Law and Contact",
            blocks: &[
                Block::Paragraph(
                    "We may update these terms from time to time. When we make material changes, we will notify you by email or with a prominent notice within the Service at least 30 days before the changes take effect. The \"last updated\" date at the top of this page shows the most recent revision. If you do not agree to the new terms, you may stop using the Service and delete your account before they take effect; continued use afterwards means that you accept them.",
                ),
                Block::Paragraph(
                    "These terms are governed by the laws of the country where NexaCRM's operating entity is established, without prejudice to any mandatory consumer protection rules of the country where you live.",
                ),
                Block::Bullets(&[
                    Bullet {
                        lead: "Questions about these terms",
                        text: "support@nexacrm.io",
                    },
                    Bullet {
                        lead: "Privacy and data requests",
                        text: "privacy@nexacrm.io",
                    },
                    Bullet {
                        lead: "Security issues",
                        text: "security@nexacrm.io",
                    },
                ]),
            ],
        },
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text that must say something (bullet leads may be empty).
    fn required_texts() -> Vec<&'static str> {
        let mut texts = vec![TERMS.title, TERMS.last_updated, TERMS.intro];
        for section in TERMS.sections {
            texts.push(section.title);
            assert!(
                !section.blocks.is_empty(),
                "section {} is empty",
                section.number
            );
            for block in section.blocks {
                match block {
                    Block::Paragraph(text) => texts.push(text),
                    Block::Bullets(items) => {
                        assert!(
                            !items.is_empty(),
                            "empty list in section {}",
                            section.number
                        );
                        texts.extend(items.iter().map(|item| item.text));
                    }
                    Block::Table { header, rows } => {
                        texts.extend(header.iter().copied());
                        for row in *rows {
                            assert_eq!(row.len(), header.len(), "table row width");
                            texts.extend(row.iter().copied());
                        }
                    }
                    Block::Definitions(items) => {
                        assert!(
                            !items.is_empty(),
                            "empty definitions in section {}",
                            section.number
                        );
                        for (term, definition) in *items {
                            texts.push(term);
                            texts.push(definition);
                        }
                    }
                }
            }
        }
        texts
    }

    #[test]
    fn sections_are_numbered_consecutively_from_one() {
        assert!(!TERMS.sections.is_empty());
        for (index, section) in TERMS.sections.iter().enumerate() {
            assert_eq!(
                usize::from(section.number),
                index + 1,
                "section {:?}",
                section.title
            );
        }
    }

    #[test]
    fn no_text_is_empty() {
        for text in required_texts() {
            assert!(!text.trim().is_empty(), "an empty text");
            assert_eq!(text, text.trim(), "stray whitespace in {text:?}");
        }
    }

    #[test]
    fn date_matches_the_version() {
        assert_eq!(TERMS.last_updated, "November 27, 2026");
        assert_eq!(super::super::TERMS_VERSION, "2026-11-27");
    }

    #[test]
    fn refers_to_the_privacy_policy() {
        assert!(required_texts()
            .iter()
            .any(|t| t.contains("Privacy Policy")));
    }
}
