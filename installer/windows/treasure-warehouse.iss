; Inno Setup script: installs the PyInstaller folder (dist\treasure-warehouse) per machine.
; Build: iscc installer\windows\treasure-warehouse.iss   (after running the PyInstaller spec)
#define AppName "珍宝仓鉴定工作站 Treasure Warehouse"
#define AppVersion "0.1.0"

[Setup]
AppId={{6C1E2B5A-8D7F-4E21-9B3C-5A0F7D2E9C41}
AppName={#AppName}
AppVersion={#AppVersion}
DefaultDirName={autopf}\TreasureWarehouse
DefaultGroupName=珍宝仓
OutputBaseFilename=treasure-warehouse-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\treasure-warehouse\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\珍宝仓鉴定工作站"; Filename: "{app}\treasure-warehouse.exe"
Name: "{commondesktop}\珍宝仓鉴定工作站"; Filename: "{app}\treasure-warehouse.exe"

[Run]
Filename: "{app}\treasure-warehouse.exe"; Parameters: "selftest"; Flags: runhidden waituntilterminated; StatusMsg: "自检 Self-test…"
