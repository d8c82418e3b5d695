//! A small SMTP server on a loopback port for mail tests: it speaks enough SMTP for lettre
//! (greeting, EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT), records every message it
//! accepts, and can answer `451` to the next transactions to test retries.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One accepted message: the envelope and the raw data (dot-stuffing undone).
#[derive(Clone, Debug)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    pub data: String,
}

impl Received {
    /// The header lines (before the first empty line), unfolded.
    pub fn headers(&self) -> Vec<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or_default();
        let mut lines: Vec<String> = Vec::new();
        for line in head.split("\r\n") {
            match lines.last_mut() {
                Some(last) if line.starts_with([' ', '\t']) => last.push_str(line),
                _ => lines.push(line.to_owned()),
            }
        }
        lines
    }

    /// The value of the first header called `name` (any case).
    pub fn header(&self, name: &str) -> Option<String> {
        let prefix = format!("{}:", name.to_ascii_lowercase());
        self.headers().into_iter().find(|line| line.to_ascii_lowercase().starts_with(&prefix)).map(|line| line[prefix.len()..].trim().to_owned())
    }
}

#[derive(Clone)]
pub struct SmtpSink {
    /// `smtp://127.0.0.1:PORT`: plain SMTP, no TLS.
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
    refusals: Arc<AtomicUsize>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind the SMTP sink");
        let url = format!("smtp://{}", listener.local_addr().expect("sink address"));
        let sink = SmtpSink { url, received: Arc::default(), refusals: Arc::default() };
        let accepting = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let session = accepting.clone();
                tokio::spawn(async move {
                    let _ = session.converse(stream).await;
                });
            }
        });
        sink
    }

    /// Answers `451` to the next `n` `MAIL FROM` commands.
    pub fn refuse_next(&self, n: usize) {
        self.refusals.store(n, Ordering::SeqCst);
    }

    /// Every message accepted so far.
    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    async fn converse(&self, stream: TcpStream) -> std::io::Result<()> {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read);
        write.write_all(b"220 sink.localhost ESMTP test sink\r\n").await?;
        let (mut from, mut to) = (String::new(), Vec::new());
        loop {
            let mut line = String::new();
            if lines.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            let command = line.trim_end().to_owned();
            let verb = command.split([' ', ':']).next().unwrap_or_default().to_ascii_uppercase();
            let answer: &[u8] = match verb.as_str() {
                "EHLO" => b"250-sink.localhost\r\n250 8BITMIME\r\n",
                "HELO" | "NOOP" => b"250 OK\r\n",
                "RSET" => {
                    (from, to) = (String::new(), Vec::new());
                    b"250 OK\r\n"
                }
                "MAIL" => {
                    let refused = self.refusals.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok();
                    if refused {
                        b"451 4.3.0 Try again later\r\n"
                    } else {
                        from = command.clone();
                        b"250 OK\r\n"
                    }
                }
                "RCPT" => {
                    let address = command.split_once(':').map(|(_, a)| a.trim().trim_start_matches('<').trim_end_matches('>').to_owned());
                    to.push(address.unwrap_or_default());
                    b"250 OK\r\n"
                }
                "DATA" => {
                    write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
                    let mut data = String::new();
                    loop {
                        let mut body_line = String::new();
                        if lines.read_line(&mut body_line).await? == 0 {
                            return Ok(());
                        }
                        if body_line == ".\r\n" {
                            break;
                        }
                        data.push_str(body_line.strip_prefix('.').unwrap_or(&body_line));
                    }
                    self.received.lock().unwrap().push(Received { mail_from: std::mem::take(&mut from), rcpt_to: std::mem::take(&mut to), data });
                    b"250 OK queued\r\n"
                }
                "QUIT" => {
                    write.write_all(b"221 Bye\r\n").await?;
                    return Ok(());
                }
                _ => b"502 Command not implemented\r\n",
            };
            write.write_all(answer).await?;
        }
    }
}
