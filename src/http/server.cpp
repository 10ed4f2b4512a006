#include "http/server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace servq::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// An uploaded body: the temporary file's bytes mapped read-only. The file is unlinked as soon as
// it is mapped, so nothing is left behind when the request ends (or the process dies).
struct MappedUpload {
  int fd = -1;
  void* data = nullptr;
  size_t size = 0;
  ~MappedUpload() {
    if (data && data != MAP_FAILED) munmap(data, size);
    if (fd >= 0) ::close(fd);
  }
};

std::shared_ptr<MappedUpload> map_upload(const std::string& path) {
  auto m = std::make_shared<MappedUpload>();
  m->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  ::unlink(path.c_str());
  if (m->fd < 0) return nullptr;
  struct stat st {};
  if (fstat(m->fd, &st) != 0) return nullptr;
  m->size = static_cast<size_t>(st.st_size);
  if (m->size == 0) return m;
  m->data = mmap(nullptr, m->size, PROT_READ, MAP_PRIVATE, m->fd, 0);
  if (m->data == MAP_FAILED) return nullptr;
  return m;
}

struct Shared {
  ServerConfig cfg;
  Handler handler;
  Admitter admit;
  std::atomic<bool> stopping{false};
  std::atomic<int> in_flight{0};
};

std::string problem_body(int status, const std::string& code, const std::string& title, const std::string& detail) {
  // Only fixed ASCII strings reach here; no escaping needed.
  return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + std::to_string(status) +
         ",\"code\":\"" + code + "\",\"detail\":\"" + detail + "\"}";
}

// The request line's target and every header field together may hold this much; a longer
// target alone is answered 414, longer headers 431.
constexpr size_t kHeaderLimit = 32 * 1024;
constexpr size_t kTargetLimit = 8 * 1024;
// What the parser reads at most before it gives up; between kHeaderLimit and this the request is
// parsed and answered 431 (or 414) with certainty.
constexpr size_t kParserHeaderLimit = 64 * 1024;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket s, std::shared_ptr<Shared> shared) : stream_(std::move(s)), shared_(std::move(shared)) {}
  ~Session() { discard_upload(); }

  void start() {
    asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::read_header, shared_from_this()));
  }

 private:
  void read_header() {
    file_parser_.reset();
    discard_upload();
    parser_.emplace();
    parser_->header_limit(kParserHeaderLimit);
    // The parser checks Content-Length against body_limit while reading the header, so start
    // with the largest limit and apply the route's own limit once the request is admitted.
    parser_->body_limit(std::max(shared_->cfg.upload_limit, shared_->cfg.body_limit));
    stream_.expires_after(std::chrono::seconds(shared_->cfg.read_timeout_seconds));
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  Request request_from_header() {
    auto& msg = parser_->get();
    Request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    auto qpos = req.target.find('?');
    req.path = percent_decode(req.target.substr(0, qpos), false);
    if (qpos != std::string::npos) req.query = parse_query(req.target.substr(qpos + 1));
    for (auto& f : msg) {
      std::string name(f.name_string());
      for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      req.headers[name] = std::string(f.value());
    }
    if (remote_.empty()) {  // once per connection
      beast::error_code rec;
      auto ep = stream_.socket().remote_endpoint(rec);
      remote_ = rec ? "unknown" : ep.address().to_string();
    }
    req.remote = remote_;
    return req;
  }

  // The header block did not fit: a target longer than kTargetLimit is a 414, anything else 431.
  void header_too_large() {
    auto data = buffer_.data();
    std::string_view seen(static_cast<const char*>(data.data()), data.size());
    bool long_target = seen.substr(0, std::min(seen.size(), kTargetLimit + 64)).find('\n') == std::string_view::npos;
    draining_ = true;
    if (long_target)
      send_simple(414, problem_body(414, "http.uri_too_long", "URI Too Long", "the request target is longer than 8 KiB"),
                  false);
    else
      send_simple(431, problem_body(431, "http.header_too_large", "Request Header Fields Too Large",
                                    "the request headers are larger than 32 KiB"),
                  false);
  }

  void on_header(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::body_limit) return too_large();
    if (ec == bhttp::error::header_limit) return header_too_large();
    if (ec) {
      if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() && ec != bhttp::error::end_of_stream)
        return send_bad_request();
      return close();
    }
    if (parser_->get().target().size() > kTargetLimit) {
      draining_ = true;
      return send_simple(414, problem_body(414, "http.uri_too_long", "URI Too Long", "the request target is longer than 8 KiB"),
                         false);
    }
    size_t header_bytes = 0;
    for (auto& f : parser_->get()) header_bytes += f.name_string().size() + f.value().size() + 4;
    if (header_bytes > kHeaderLimit) {
      draining_ = true;
      return send_simple(431, problem_body(431, "http.header_too_large", "Request Header Fields Too Large",
                                           "the request headers are larger than 32 KiB"),
                         false);
    }
    pending_ = request_from_header();
    size_t limit = 0;
    bool to_file = false;
    if (shared_->admit) {
      Admission adm;
      try {
        adm = shared_->admit(*pending_);
      } catch (const std::exception&) {
        spdlog::error("{{\"event\":\"admit_exception\"}}");
        adm.reject = Response{500, "application/problem+json",
                              problem_body(500, "server.internal", "Internal Server Error", "an unexpected error occurred")};
      }
      if (adm.reject) {
        // The body stays unread: answer, then close the connection.
        draining_ = true;
        ++shared_->in_flight;
        return respond(std::move(*adm.reject), parser_->get().version(), false, pending_->method == "HEAD");
      }
      limit = adm.body_limit;
      to_file = adm.to_file;
    } else {
      bool upload = pending_->target.starts_with("/api/v1/imports/");
      limit = upload ? shared_->cfg.upload_limit : shared_->cfg.body_limit;
    }
    auto length = parser_->content_length();
    if (length && *length > limit) return too_large();
    if (to_file) return read_to_file(limit);
    parser_->body_limit(limit);
    bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  // The body goes to a temporary file, not to memory: 256 MiB imports must not cost 256 MiB of
  // heap per request while they arrive.
  void read_to_file(size_t limit) {
    namespace fs = std::filesystem;
    std::error_code fec;
    fs::path dir = shared_->cfg.upload_dir.empty() ? fs::temp_directory_path(fec) : fs::path(shared_->cfg.upload_dir);
    std::string tmpl = (dir / "servq-upload-XXXXXX").string();
    int fd = mkstemp(tmpl.data());
    if (fd < 0) {
      spdlog::error("{{\"event\":\"upload_tmp_failed\"}}");
      draining_ = true;
      ++shared_->in_flight;
      return respond(Response{503, "application/problem+json",
                              problem_body(503, "server.upload_unavailable", "Service Unavailable",
                                           "the server cannot store the upload now; try again later")},
                     parser_->get().version(), false, pending_->method == "HEAD");
    }
    ::close(fd);
    upload_path_ = tmpl;
    file_parser_.emplace(std::move(*parser_));
    file_parser_->body_limit(limit);
    beast::error_code ec;
    file_parser_->get().body().open(upload_path_.c_str(), beast::file_mode::write, ec);
    if (ec) {
      discard_upload();
      return close();
    }
    bhttp::async_read(stream_, buffer_, *file_parser_, beast::bind_front_handler(&Session::on_read_file, shared_from_this()));
  }

  void discard_upload() {
    if (upload_path_.empty()) return;
    ::unlink(upload_path_.c_str());
    upload_path_.clear();
  }

  void on_read_file(beast::error_code ec, std::size_t) {
    if (ec) {
      if (file_parser_) file_parser_->get().body().close();
      discard_upload();
      if (ec == bhttp::error::body_limit) return too_large();
      if (ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout) return close();
      if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) return send_bad_request();
      return close();
    }
    auto& msg = file_parser_->get();
    msg.body().close();
    auto mapped = map_upload(upload_path_);
    upload_path_.clear();  // unlinked by map_upload
    Request req = std::move(*pending_);
    pending_.reset();
    bool keep = msg.keep_alive() && !shared_->stopping;
    unsigned version = msg.version();
    if (!mapped) {
      ++shared_->in_flight;
      return respond(Response{503, "application/problem+json",
                              problem_body(503, "server.upload_unavailable", "Service Unavailable",
                                           "the server cannot read the upload back; try again later")},
                     version, false, req.method == "HEAD");
    }
    req.body_mapped = std::string_view(static_cast<const char*>(mapped->data), mapped->size);
    req.body_storage = std::move(mapped);
    ++shared_->in_flight;
    dispatch(std::move(req), version, keep);
  }

  void send_bad_request() {
    draining_ = true;
    send_simple(400, problem_body(400, "http.bad_request", "Bad Request", "malformed HTTP request"), false);
  }

  // Answers 413, then reads and discards what the client is still sending for a short while, so
  // that it can read the answer instead of seeing its connection reset.
  void too_large() {
    draining_ = true;
    send_simple(413, problem_body(413, "http.payload_too_large", "Content Too Large",
                                  "the request body is larger than this server accepts"), false);
  }

  void drain() {
    stream_.expires_after(std::chrono::seconds(5));
    stream_.async_read_some(asio::buffer(drain_buf_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) {
        beast::error_code ignored;
        self->stream_.socket().close(ignored);
        return;
      }
      self->drain();
    });
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::body_limit) return too_large();
    if (ec == bhttp::error::end_of_stream || ec == asio::error::eof) return close();
    if (ec == beast::error::timeout) return close();
    if (ec) {
      if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) return send_bad_request();
      return close();
    }
    ++shared_->in_flight;
    auto& msg = parser_->get();
    Request req = std::move(*pending_);
    pending_.reset();
    req.body = std::move(msg.body());
    bool keep = msg.keep_alive() && !shared_->stopping;
    unsigned version = msg.version();
    dispatch(std::move(req), version, keep);
  }

  void dispatch(Request req, unsigned version, bool keep) {
    bool head = req.method == "HEAD";
    Response r;
    try {
      r = shared_->handler(req);
    } catch (const std::exception& e) {
      spdlog::error("{{\"event\":\"handler_exception\"}}");
      r.status = 500;
      r.content_type = "application/problem+json";
      r.body = problem_body(500, "server.internal", "Internal Server Error", "an unexpected error occurred");
    }
    if (r.deferred) {
      // Answer when the handler's work completes, on this connection's strand.
      auto deferred = std::move(r.deferred);
      deferred([self = shared_from_this(), version, keep, head](Response done) {
        asio::post(self->stream_.get_executor(), [self, done = std::move(done), version, keep, head]() mutable {
          self->respond(std::move(done), version, keep, head);
        });
      });
      return;
    }
    respond(std::move(r), version, keep, head);
  }

  void respond(Response r, unsigned version, bool keep, bool head) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
    res->version(version);
    res->result(static_cast<bhttp::status>(r.status));
    res->set(bhttp::field::server, "servq");
    res->set(bhttp::field::content_type, r.content_type);
    res->set("X-Content-Type-Options", "nosniff");
    for (auto& [k, v] : r.headers) res->insert(k, v);
    res->body() = std::move(r.body);
    res->keep_alive(keep && !shared_->stopping);
    res->prepare_payload();
    if (head) res->body().clear();
    write(res, true);
  }

  void send_simple(int status, std::string body, bool keep) {
    ++shared_->in_flight;
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
    res->version(11);
    res->result(static_cast<bhttp::status>(status));
    res->set(bhttp::field::server, "servq");
    res->set(bhttp::field::content_type, "application/problem+json");
    res->body() = std::move(body);
    res->keep_alive(keep);
    res->prepare_payload();
    write(res, true);
  }

  void write(std::shared_ptr<bhttp::response<bhttp::string_body>> res, bool counted) {
    stream_.expires_after(std::chrono::seconds(shared_->cfg.read_timeout_seconds));
    bool keep = res->keep_alive();
    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), res, keep, counted](beast::error_code ec, std::size_t) {
                         if (counted) --self->shared_->in_flight;
                         if (!ec && self->draining_) {
                           self->close();
                           return self->drain();
                         }
                         if (ec || !keep || self->shared_->stopping) return self->close();
                         self->read_header();
                       });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::request_parser<bhttp::file_body>> file_parser_;  // an upload read to a file
  std::string upload_path_;  // its temporary file until mapped (then unlinked)
  std::optional<Request> pending_;  // the admitted request, while its body is read
  std::shared_ptr<Shared> shared_;
  bool draining_ = false;
  std::string remote_;  // the client's address
  std::array<char, 65536> drain_buf_{};
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& ioc, tcp::endpoint ep, std::shared_ptr<Shared> shared)
      : ioc_(ioc), acceptor_(asio::make_strand(ioc)), shared_(std::move(shared)) {
    acceptor_.open(ep.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen(asio::socket_base::max_listen_connections);
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  void start() { accept(); }
  void stop() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ec;
      self->acceptor_.close(ec);
    });
  }

 private:
  void accept() {
    acceptor_.async_accept(asio::make_strand(ioc_), [self = shared_from_this()](beast::error_code ec, tcp::socket s) {
      if (ec == asio::error::operation_aborted || !self->acceptor_.is_open()) return;
      if (!ec) std::make_shared<Session>(std::move(s), self->shared_)->start();
      self->accept();
    });
  }

  asio::io_context& ioc_;
  tcp::acceptor acceptor_;
  std::shared_ptr<Shared> shared_;
};

}  // namespace

int run_server(const ServerConfig& cfg, Handler handler, Admitter admit) {
  int threads = cfg.threads > 0 ? cfg.threads : std::max(4, 2 * static_cast<int>(std::thread::hardware_concurrency()));
  asio::io_context ioc{threads};
  auto shared = std::make_shared<Shared>();
  shared->cfg = cfg;
  shared->handler = std::move(handler);
  shared->admit = std::move(admit);
  auto address = asio::ip::make_address(cfg.address);
  auto listener = std::make_shared<Listener>(ioc, tcp::endpoint{address, cfg.port}, shared);
  listener->start();
  std::string host = address.is_v6() ? "[" + cfg.address + "]" : cfg.address;
  std::cout << "servq listening on http://" << host << ":" << listener->port() << std::endl;
  if (!cfg.banner.empty()) std::cout << cfg.banner << std::flush;
  spdlog::info("{{\"event\":\"listening\",\"port\":{},\"threads\":{}}}", listener->port(), threads);

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  asio::steady_timer drain(ioc);
  auto deadline = std::make_shared<std::chrono::steady_clock::time_point>();
  std::function<void(beast::error_code)> poll = [&](beast::error_code) {
    if (shared->in_flight == 0 || std::chrono::steady_clock::now() >= *deadline) {
      spdlog::info("{{\"event\":\"stopped\",\"in_flight\":{}}}", shared->in_flight.load());
      ioc.stop();
      return;
    }
    drain.expires_after(std::chrono::milliseconds(20));
    drain.async_wait(poll);
  };
  signals.async_wait([&](beast::error_code ec, int sig) {
    if (ec) return;
    spdlog::info("{{\"event\":\"stopping\",\"signal\":{}}}", sig);
    shared->stopping = true;
    listener->stop();
    *deadline = std::chrono::steady_clock::now() + std::chrono::seconds(cfg.drain_seconds);
    drain.expires_after(std::chrono::milliseconds(20));
    drain.async_wait(poll);
  });

  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  return 0;
}

}  // namespace servq::http
