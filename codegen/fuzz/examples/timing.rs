use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let json = std::fs::read_to_string(path).unwrap();
    for _ in 0..3 {
        let t = Instant::now();
        let r = codegen::generate(&json, &codegen::Settings::default());
        let g = t.elapsed();
        let t = Instant::now();
        if let Ok(files) = &r {
            let mut total = 0;
            for (p, c) in files { if p.ends_with(".rs") { total += c.len(); syn::parse_file(c).unwrap(); } }
            eprintln!("files {} rs bytes {}", files.len(), total);
        } else { eprintln!("{:?}", r.err()); }
        eprintln!("generate {:?} parse {:?}", g, t.elapsed());
    }
}
