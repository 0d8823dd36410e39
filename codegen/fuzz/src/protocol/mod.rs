//! The protocol targets: arbitrary HTTP requests through generated servers
//! (`server_requests`, [`server`]) and arbitrary HTTP responses into generated clients
//! (`client_responses`, [`client`]), for the restJson1 and awsJson1_0 suite crates and MWAA,
//! in process on a current-thread Tokio runtime (no sockets).
//!
//! Requests and responses are built around each service's model ([`model`]): its operations'
//! routes and their members' bindings and types, so most inputs get past routing and into the
//! readers and writers of the operations' members.

pub mod client;
pub mod model;
pub mod request;
pub mod response;
pub mod server;
pub mod values;

/// The generated crates' services (see `build.rs`).
pub mod services {
    include!(concat!(env!("OUT_DIR"), "/services.rs"));
}

/// An input in the literal form, a message written out as text (what the seeds are, from the
/// suites' test cases): `L` and the names on the first line, the request line or status on the
/// second, header lines, an empty line, the body. Mutated, it is a message with a strange
/// header or body rather than a different message altogether.
pub struct Literal {
    /// The words after `L` on the first line (service, and operation for responses).
    pub names: Vec<String>,
    /// The second line: `METHOD URI`, or the status.
    pub start: String,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
}

impl Literal {
    /// The literal form of `data`, when it starts with `L`.
    pub fn parse(data: &[u8]) -> Option<Literal> {
        let rest = data.strip_prefix(b"L")?;
        let split = rest.windows(2).position(|w| w == b"\n\n");
        let (head, body) = match split {
            Some(at) => (&rest[..at], rest[at + 2..].to_vec()),
            None => (rest, Vec::new()),
        };
        let head = String::from_utf8_lossy(head);
        let mut lines = head.split('\n').map(|l| l.trim_end_matches('\r'));
        let names = lines
            .next()
            .unwrap_or("")
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let start = lines.next().unwrap_or("").to_string();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_string(), v.trim().as_bytes().to_vec()))
            .collect();
        Some(Literal {
            names,
            start,
            headers,
            body,
        })
    }

    /// The service the first name picks (its module name), else the first.
    pub fn service(&self) -> usize {
        let name = self.names.first().map_or("", String::as_str);
        model::services()
            .iter()
            .position(|s| s.name == name)
            .unwrap_or(0)
    }
}

/// The runtime every input runs on: one thread, timers on (the server's body timeout and the
/// client's attempt timeout use them).
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("a Tokio runtime")
    })
}
