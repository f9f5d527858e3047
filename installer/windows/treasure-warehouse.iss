; Inno Setup script: installs the PyInstaller folder (dist\treasure-warehouse) per machine.
; Build: iscc installer\windows\treasure-warehouse.iss   (after running the PyInstaller spec)
; The installed bundle runs its selftest (CurStepChanged below); when it fails, the setup says
; so and ends with an error (a non-zero exit code for silent /VERYSILENT installs), so nobody
; is left believing that a workstation that cannot start was installed.
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
SetupIconFile=..\..\app\resources\icons\treasure-warehouse.ico

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\treasure-warehouse\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\珍宝仓鉴定工作站"; Filename: "{app}\treasure-warehouse.exe"
Name: "{commondesktop}\珍宝仓鉴定工作站"; Filename: "{app}\treasure-warehouse.exe"

[Code]
procedure CurStepChanged(CurStep: TSetupStep);
var
  Code: Integer;
begin
  if CurStep = ssPostInstall then
  begin
    if not Exec(ExpandConstant('{app}\treasure-warehouse.exe'), 'selftest', '', SW_HIDE,
                ewWaitUntilTerminated, Code) or (Code <> 0) then
    begin
      SuppressibleMsgBox('自检失败，工作站未安装。' + #13#10 +
        'The self-test failed (exit code ' + IntToStr(Code) + '); the workstation was not installed.',
        mbCriticalError, MB_OK, IDOK);
      RaiseException('selftest failed with exit code ' + IntToStr(Code));
    end;
  end;
end;
