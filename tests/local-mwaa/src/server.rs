//! Serving a [`LocalMwaa`] over HTTP from a test: [`spawn`] and [`ServerHandle`].

use std::io;
use std::net::SocketAddr;

use mwaa_serverless::server::Server;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::LocalMwaa;

/// Starts a new, default [`LocalMwaa`] behind the generated server on `127.0.0.1` and a free
/// port, as a task of the current tokio runtime. Returns the address to send requests to
/// (`http://{addr}`) and the handle that keeps it running: dropping the handle shuts the
/// server down.
///
/// # Panics
///
/// Outside a tokio runtime, or if no local port can be bound; see [`try_spawn_with`] for the
/// fallible form.
pub fn spawn() -> (SocketAddr, ServerHandle) {
    spawn_with(LocalMwaa::new())
}

/// [`spawn`], serving `service`: keep a clone of it to inspect or drive the service
/// (e.g. [`LocalMwaa::advance`]) while clients talk to the server.
///
/// # Panics
///
/// Outside a tokio runtime, or if no local port can be bound.
pub fn spawn_with(service: LocalMwaa) -> (SocketAddr, ServerHandle) {
    try_spawn_with(service, SocketAddr::from(([127, 0, 0, 1], 0)))
        .expect("could not start the local MWAA Serverless server")
}

/// Starts `service` behind the generated server on `addr` (port 0 picks a free port), as a
/// task of the current tokio runtime. Must be called from within a tokio runtime.
pub fn try_spawn_with(
    service: LocalMwaa,
    addr: SocketAddr,
) -> io::Result<(SocketAddr, ServerHandle)> {
    let listener = std::net::TcpListener::bind(addr)?;
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let local_addr = listener.local_addr()?;
    let (shutdown_tx, shutdown_rx) = oneshot::channel::<()>();
    let server = Server::new(service.clone());
    let task = tokio::spawn(async move {
        let shutdown = async move {
            // Either an explicit shutdown or the handle being dropped.
            let _ = shutdown_rx.await;
        };
        server.serve(listener, shutdown).await
    });
    Ok((
        local_addr,
        ServerHandle {
            addr: local_addr,
            service,
            shutdown: Some(shutdown_tx),
            task: Some(task),
        },
    ))
}

/// A running local server. Dropping it asks the server to shut down (gracefully: requests in
/// flight finish); [`shutdown`](Self::shutdown) does the same and waits for it.
#[derive(Debug)]
pub struct ServerHandle {
    addr: SocketAddr,
    service: LocalMwaa,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<io::Result<()>>>,
}

impl ServerHandle {
    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The endpoint URL to give a client: `http://127.0.0.1:<port>`.
    pub fn endpoint_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The service behind the server (a handle sharing its state).
    pub fn service(&self) -> &LocalMwaa {
        &self.service
    }

    /// Shuts the server down and waits until it has stopped; returns what the server returned.
    pub async fn shutdown(mut self) -> io::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        match self.task.take() {
            Some(task) => task
                .await
                .unwrap_or_else(|err| Err(io::Error::other(format!("server task failed: {err}")))),
            None => Ok(()),
        }
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
