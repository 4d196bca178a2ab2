//! The command line: one `Args` struct per subcommand (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Build a browsable site from a folder of Working Backwards PR/FAQs.
#[derive(Debug, Parser)]
#[command(name = "prfaq", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (for CI and publishing).
    Build(BuildArgs),
    /// Preview the site on localhost; with --watch, rebuild and reload on save.
    Serve(ServeArgs),
    /// Create a new PR/FAQ from the Working Backwards outline.
    New(NewArgs),
    /// Review the library against the Working Backwards rules (for CI and pull requests).
    Check(CheckArgs),
    /// Start a library: site.toml, an example PR/FAQ, .gitignore and a GitHub Pages workflow.
    Init(InitArgs),
}

/// Where the library is; shared by every command.
#[derive(Debug, Args, Clone)]
pub struct RootArgs {
    /// The library root: the folder with site.toml (default: the current folder).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// Where to write the site (default: output_dir from site.toml, "public").
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Published address, e.g. https://acme.github.io/prfaqs/ (overrides base_url).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Do not read revision history from git.
    #[arg(long)]
    pub no_history: bool,
    /// Print only problems, not the summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print every warning, instead of a warning shared by many documents once with a count.
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// Rebuild when a document, the theme or site.toml changes, and reload open pages.
    #[arg(long, short)]
    pub watch: bool,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, short, default_value_t = 4000)]
    pub port: u16,
    /// Address or host name to listen on (e.g. localhost). Only this machine can connect to the default.
    #[arg(long, default_value = "127.0.0.1", value_parser = parse_bind)]
    pub bind: std::net::IpAddr,
    /// Open the site in a browser.
    #[arg(long)]
    pub open: bool,
    /// Watch by polling (for network or container file systems where change events are unreliable).
    #[arg(long)]
    pub poll: bool,
    /// Serve under the path of this URL instead of site.toml's base_url.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Do not read revision history from git.
    #[arg(long)]
    pub no_history: bool,
    /// Print every warning, instead of a warning shared by many documents once with a count.
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// The product or idea's name.
    pub title: String,
    /// The single-threaded leader.
    #[arg(long)]
    pub owner: String,
    /// The Working Backwards stage (default: the first configured stage).
    #[arg(long)]
    pub stage: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// How to print the findings.
    #[arg(long, value_enum, default_value = "human")]
    pub format: crate::check::format::Format,
    /// Do not read revision history from git (the staleness rule then does not run).
    #[arg(long)]
    pub no_history: bool,
    /// Report only on these documents or folders (the whole library is still read).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the library in (created if missing).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// The site's title.
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// Where the site will be published, e.g. https://acme.github.io/prfaqs/.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Instead, make DIR a git repository holding the sample library and its history.
    #[arg(long)]
    pub example: bool,
}

/// `--bind`: an IP address, or a host name this machine resolves (`localhost`).
fn parse_bind(text: &str) -> Result<std::net::IpAddr, String> {
    use std::net::ToSocketAddrs;
    if let Ok(ip) = text.parse() {
        return Ok(ip);
    }
    let addresses: Vec<std::net::IpAddr> = (text, 0)
        .to_socket_addrs()
        .map_err(|e| format!("cannot resolve {text:?} ({e}); give an address such as 127.0.0.1 or a name such as localhost"))?
        .map(|a| a.ip())
        .collect();
    addresses
        .iter()
        .find(|ip| ip.is_ipv4())
        .or(addresses.first())
        .copied()
        .ok_or_else(|| format!("{text:?} resolves to no address"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
